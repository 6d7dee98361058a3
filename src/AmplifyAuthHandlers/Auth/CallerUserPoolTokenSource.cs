using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The user-pool "session" of a server: the token the current caller sent. It cannot be refreshed, so a forced
/// refresh returns the same token and the endpoint's 401 goes back to the caller. The caller chose which token
/// to send, so it is forwarded whatever the endpoint's <c>TokenType</c> says.
/// </summary>
internal sealed class CallerUserPoolTokenSource(IAmplifyCallerContext caller, ILogger<CallerUserPoolTokenSource> logger) : IUserPoolTokenSource
{
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
