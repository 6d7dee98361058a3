namespace AmplifyAuthHandlers;

/// <summary>What <see cref="CognitoIdentityClient.GetOpenIdTokenAsync"/> returns. <see cref="ToString"/> redacts the token.</summary>
/// <param name="IdentityId">The identity ID the token belongs to.</param>
/// <param name="Token">The OpenID Connect token.</param>
internal sealed record CognitoOpenIdToken(string IdentityId, string Token)
{
    /// <inheritdoc/>
    public override string ToString() => $"CognitoOpenIdToken {{ IdentityId = {IdentityId}, Token = {CognitoRedaction.Redacted} }}";
}
