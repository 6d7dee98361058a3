using System.Globalization;

namespace AmplifyAuthHandlers;

/// <summary>
/// A signed-in user-pool user's tokens. <see cref="ToString"/> never prints a token.
/// </summary>
public sealed class UserPoolTokens
{
    /// <summary>Creates the tokens.</summary>
    /// <param name="accessToken">The access token (a JWT).</param>
    /// <param name="idToken">The ID token (a JWT).</param>
    /// <param name="refreshToken">The refresh token, or <see langword="null"/> when the holder cannot refresh.</param>
    /// <param name="accessTokenExpiresAt">When the access token expires, or <see langword="null"/> when unknown.</param>
    /// <param name="idTokenExpiresAt">When the ID token expires, or <see langword="null"/> when unknown.</param>
    /// <exception cref="ArgumentException"><paramref name="accessToken"/> or <paramref name="idToken"/> is null, empty or white space.</exception>
    public UserPoolTokens(string accessToken, string idToken, string? refreshToken = null,
        DateTimeOffset? accessTokenExpiresAt = null, DateTimeOffset? idTokenExpiresAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(idToken);
        AccessToken = accessToken;
        IdToken = idToken;
        RefreshToken = refreshToken;
        AccessTokenExpiresAt = accessTokenExpiresAt;
        IdTokenExpiresAt = idTokenExpiresAt;
    }

    /// <summary>Gets the access token, sent to user-pool endpoints by default.</summary>
    /// <value>A JWT.</value>
    public string AccessToken { get; }

    /// <summary>Gets the ID token, sent to endpoints whose <c>TokenType</c> is <see cref="AmplifyUserPoolTokenType.Id"/>.</summary>
    /// <value>A JWT.</value>
    public string IdToken { get; }

    /// <summary>Gets the refresh token.</summary>
    /// <value><see langword="null"/> when these tokens cannot be refreshed (e.g. a forwarded caller's token).</value>
    public string? RefreshToken { get; }

    /// <summary>Gets when the access token expires.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public DateTimeOffset? AccessTokenExpiresAt { get; }

    /// <summary>Gets when the ID token expires.</summary>
    /// <value><see langword="null"/> when unknown.</value>
    public DateTimeOffset? IdTokenExpiresAt { get; }

    /// <summary>Returns the token an endpoint asks for.</summary>
    /// <param name="type">The endpoint's token type.</param>
    /// <returns><see cref="IdToken"/> for <see cref="AmplifyUserPoolTokenType.Id"/>, else <see cref="AccessToken"/>.</returns>
    public string GetToken(AmplifyUserPoolTokenType type) => type == AmplifyUserPoolTokenType.Id ? IdToken : AccessToken;

    /// <summary>Returns a description that redacts every token.</summary>
    /// <returns>For example <c>UserPoolTokens { AccessToken = ***, IdToken = ***, RefreshToken = ***, AccessTokenExpiresAt = …, IdTokenExpiresAt = … }</c>.</returns>
    public override string ToString() =>
        $"UserPoolTokens {{ AccessToken = ***, IdToken = ***, RefreshToken = {(RefreshToken is null ? "(none)" : "***")}, AccessTokenExpiresAt = {Format(AccessTokenExpiresAt)}, IdTokenExpiresAt = {Format(IdTokenExpiresAt)} }}";

    private static string Format(DateTimeOffset? value) =>
        value is { } v ? v.ToString("O", CultureInfo.InvariantCulture) : "(unknown)";
}
