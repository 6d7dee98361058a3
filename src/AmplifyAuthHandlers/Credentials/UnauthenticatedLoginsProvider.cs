namespace AmplifyAuthHandlers;

/// <summary>The logins provider when nothing signs users in: always a guest.</summary>
internal sealed class UnauthenticatedLoginsProvider : ICognitoLoginsProvider
{
    public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) => new(CognitoLogins.Unauthenticated);
}
