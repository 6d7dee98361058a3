namespace AmplifyAuthHandlers;

/// <summary>The body Cognito Identity's <c>GetOpenIdToken</c> returns. <see cref="ToString"/> redacts the token.</summary>
internal sealed record GetOpenIdTokenResponse
{
    /// <summary>Gets the identity ID the token belongs to.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets the OpenID Connect token.</summary>
    public string? Token { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"GetOpenIdTokenResponse {{ IdentityId = {IdentityId}, Token = {CognitoRedaction.Secret(Token)} }}";
}
