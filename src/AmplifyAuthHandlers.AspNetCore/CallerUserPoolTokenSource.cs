using AmplifyAuthHandlers.Auth;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>
/// The user-pool "session" of a server: the token the current caller sent. It cannot be refreshed, so a forced
/// refresh returns the same token and the endpoint's 401 goes back to the caller. The caller chose which token
/// to send, so it is forwarded whatever the endpoint's <c>UserPoolTokenType</c> says.
/// </summary>
internal sealed class CallerUserPoolTokenSource(CallerTokenReader reader, ILogger<CallerUserPoolTokenSource> logger) : IUserPoolTokenSource
{
    public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        if (reader.TryReadCallerToken(out var token, out var problem))
        {
            return ValueTask.FromResult<UserPoolTokens?>(new UserPoolTokens(token, token));
        }

        ForwardingLog.NoCallerToken(logger, "AMAZON_COGNITO_USER_POOLS", problem);
        return ValueTask.FromResult<UserPoolTokens?>(null);
    }
}
