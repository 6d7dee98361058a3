namespace AmplifyAuthHandlers;

/// <summary>The tokens of a completed Cognito sign-in or refresh. <see cref="ToString"/> redacts every token.</summary>
internal sealed record AuthenticationResult
{
    /// <summary>Gets the access token.</summary>
    public string? AccessToken { get; init; }

    /// <summary>Gets the ID token.</summary>
    public string? IdToken { get; init; }

    /// <summary>Gets the refresh token; <c>REFRESH_TOKEN_AUTH</c> usually returns none (keep the old one).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>Gets the access token's lifetime in seconds; optional (cognito-local omits it), so prefer the JWT's <c>exp</c>.</summary>
    public int? ExpiresIn { get; init; }

    /// <summary>Gets the token type, for example <c>Bearer</c>.</summary>
    public string? TokenType { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"AuthenticationResult {{ AccessToken = {CognitoRedaction.Secret(AccessToken)}, IdToken = {CognitoRedaction.Secret(IdToken)}, RefreshToken = {CognitoRedaction.Secret(RefreshToken)}, ExpiresIn = {ExpiresIn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? CognitoRedaction.None}, TokenType = {TokenType ?? CognitoRedaction.None} }}";
}
