namespace AmplifyAuthHandlers.Auth;

/// <summary>The session used until sign-in or caller-token forwarding registers one: nobody is signed in.</summary>
internal sealed class NotSignedInUserPoolTokenSource : IUserPoolTokenSource
{
    public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UserPoolTokens?>(null);
}
