namespace AmplifyAuthHandlers;

/// <summary>
/// Supplies the identity-pool logins of whoever is signed in, choosing between the identity pool's
/// unauthenticated and authenticated roles. The library's user-pool sign-in implements it; register your own
/// for developer identities or social providers.
/// </summary>
public interface ICognitoLoginsProvider
{
    /// <summary>Returns the current logins; <see cref="CognitoLogins.Unauthenticated"/> when nobody is signed in.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The logins.</returns>
    ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken);
}
