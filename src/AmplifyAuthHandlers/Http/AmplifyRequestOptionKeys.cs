using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Keys under which the handlers of one endpoint's chain pass per-request state to each other
/// through <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal static class AmplifyRequestOptionKeys
{
    /// <summary>The AWS credentials the credentials handler resolved for this attempt; the SigV4 handler signs with them.</summary>
    public static readonly HttpRequestOptionsKey<AwsCredentials> Credentials = new("AmplifyAuthHandlers.Credentials");

    /// <summary>What the endpoint handler decided for this request; see <see cref="AmplifyRequestState"/>.</summary>
    public static readonly HttpRequestOptionsKey<AmplifyRequestState> State = new("AmplifyAuthHandlers.State");

    /// <summary>
    /// The request's URI is sent as it is, never put into the stage: an absolute URI given to <c>IAmplifyRestApi</c>,
    /// or the target of a followed redirect. Without it, a path on the endpoint's origin outside the stage is
    /// taken as stage-relative (HttpClient has already resolved <c>"/items"</c> against the base address).
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> UriAsGiven = new("AmplifyAuthHandlers.UriAsGiven");

    /// <summary>The state the endpoint handler put on the request; auth handlers attach nothing without it.</summary>
    public static AmplifyRequestState? GetState(HttpRequestMessage request) =>
        request.Options.TryGetValue(State, out var state) ? state : null;
}
