namespace AmplifyAuthHandlers;

/// <summary>
/// The identity-pool logins of the current principal: provider name → token (e.g.
/// <c>cognito-idp.us-east-1.amazonaws.com/us-east-1_abc</c> → the user's ID token). Empty for a guest.
/// </summary>
public sealed class CognitoLogins
{
    private static readonly Dictionary<string, string> NoLogins = new(StringComparer.Ordinal);

    /// <summary>Creates the logins of a signed-in principal.</summary>
    /// <param name="logins">Provider name → token.</param>
    /// <param name="principalKey">
    /// A stable, non-secret key of the principal (e.g. the user's <c>sub</c>): credentials and the identity ID are
    /// cached per key, so a new token for the same user reuses them and another user never does.
    /// </param>
    public CognitoLogins(IReadOnlyDictionary<string, string> logins, string principalKey)
    {
        ArgumentNullException.ThrowIfNull(logins);
        ArgumentException.ThrowIfNullOrWhiteSpace(principalKey);
        Logins = logins;
        PrincipalKey = principalKey;
    }

    private CognitoLogins()
    {
        Logins = NoLogins;
        PrincipalKey = string.Empty;
    }

    /// <summary>Gets the logins of a guest: none, so the identity pool's unauthenticated role applies.</summary>
    /// <value>A shared instance.</value>
    public static CognitoLogins Unauthenticated { get; } = new();

    /// <summary>Gets provider name → token.</summary>
    /// <value>Empty for a guest.</value>
    public IReadOnlyDictionary<string, string> Logins { get; }

    /// <summary>Gets the principal's cache key.</summary>
    /// <value>Empty for a guest.</value>
    public string PrincipalKey { get; }

    /// <summary>Gets whether a principal is signed in.</summary>
    /// <value><see langword="true"/> when there are logins.</value>
    public bool IsAuthenticated => Logins.Count > 0;

    /// <summary>Names the providers, never the tokens.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() =>
        IsAuthenticated ? $"CognitoLogins {{ Providers = [{string.Join(", ", Logins.Keys)}], PrincipalKey = {PrincipalKey} }}" : "CognitoLogins { Unauthenticated }";
}
