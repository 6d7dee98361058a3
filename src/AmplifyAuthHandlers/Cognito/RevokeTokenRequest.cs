namespace AmplifyAuthHandlers;

/// <summary>The body of Cognito User Pools' <c>RevokeToken</c>. <see cref="ToString"/> redacts the token and the client secret.</summary>
/// <param name="Token">The refresh token to revoke.</param>
/// <param name="ClientId">The app client ID.</param>
/// <param name="ClientSecret">The app client secret, or <see langword="null"/> for a public client.</param>
internal sealed record RevokeTokenRequest(string Token, string ClientId, string? ClientSecret)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"RevokeTokenRequest {{ Token = {CognitoRedaction.Redacted}, ClientId = {ClientId}, ClientSecret = {CognitoRedaction.Secret(ClientSecret)} }}";
}
