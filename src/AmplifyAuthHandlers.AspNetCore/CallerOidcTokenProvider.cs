using AmplifyAuthHandlers.Auth;
using AmplifyAuthHandlers.Configuration;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>The token of <c>OPENID_CONNECT</c> endpoints that have no provider of their own: the current caller's.</summary>
internal sealed class CallerOidcTokenProvider(CallerTokenReader reader) : IAmplifyTokenProvider
{
    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (reader.TryReadCallerToken(out var token, out var problem))
        {
            return ValueTask.FromResult<string?>(token);
        }

        throw AmplifyNotSignedInException.ForEndpoint(
            context.EndpointName,
            AmplifyAuthorizationTypeNames.ToWireName(context.AuthorizationType),
            $"It forwards the caller's token (AddAmplifyCallerTokenForwarding), but {problem}.");
    }
}
