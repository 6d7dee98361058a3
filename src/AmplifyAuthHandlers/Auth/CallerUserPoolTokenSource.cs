using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The user-pool "session" of a server: the token the current caller sent. It cannot be refreshed, so a forced
/// refresh returns the same token and the endpoint's 401 goes back to the caller. The caller chose which token
/// to send, so it is forwarded whatever the endpoint's <c>TokenType</c> says.
/// </summary>
internal sealed class CallerUserPoolTokenSource(IAmplifyCallerContext caller, ILogger<CallerUserPoolTokenSource> logger, string registeredBy) : IUserPoolTokenSource
{
    /// <summary>
    /// Why the current caller has no token to forward, for the "not signed in" message: forwarding is registered, so
    /// advising to sign in or to register it would be wrong; what is missing is on the caller's request.
    /// </summary>
    public string Remedy() =>
        caller.TryGetToken(out _, out var problem)
            ? $"It forwards the caller's token ({registeredBy})."
            : $"It forwards the caller's token ({registeredBy}), but {problem}.";

    public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (caller.TryGetToken(out var token, out var problem))
        {
            return ValueTask.FromResult<UserPoolTokens?>(new UserPoolTokens(token, token));
        }

        AuthLog.NoCallerToken(logger, "AMAZON_COGNITO_USER_POOLS", problem);
        return ValueTask.FromResult<UserPoolTokens?>(null);
    }
}
