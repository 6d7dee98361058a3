
namespace AmplifyAuthHandlers;

/// <summary>The token of <c>OPENID_CONNECT</c> endpoints that have no provider of their own: the current caller's.</summary>
/// <param name="caller">The host's view of the current caller.</param>
/// <param name="registeredBy">The registration that turned forwarding on, for messages (e.g. <c>AddAmplifyCallerTokenForwarding()</c>).</param>
internal sealed class CallerOidcTokenProvider(IAmplifyCallerContext caller, string registeredBy) : IAmplifyTokenProvider
{
    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (caller.TryGetToken(out var token, out var problem))
        {
            return ValueTask.FromResult<string?>(token);
        }

        throw AmplifyNotSignedInException.ForEndpoint(
            context.EndpointName,
            AmplifyAuthorizationTypeNames.ToWireName(context.AuthorizationType),
            $"It forwards the caller's token ({registeredBy}), but {problem}.");
    }
}
