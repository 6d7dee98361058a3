namespace AmplifyAuthHandlers;

/// <summary>The claims of a Cognito JWT this library needs (read without validating the signature).</summary>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
/// <param name="Subject">The <c>sub</c> claim, or <see langword="null"/>.</param>
/// <param name="Username">The <c>username</c> claim (access tokens) or <c>cognito:username</c> (ID tokens), or <see langword="null"/>.</param>
/// <param name="Issuer">The <c>iss</c> claim, for example <c>https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC</c>, or <see langword="null"/>.</param>
/// <param name="TokenUse">The <c>token_use</c> claim (<c>id</c> or <c>access</c>), or <see langword="null"/>.</param>
internal sealed record JwtTokenClaims(DateTimeOffset ExpiresAt, string? Subject, string? Username, string? Issuer, string? TokenUse);
