using AmplifyAuthHandlers.Configuration;

namespace AmplifyAuthHandlers.Http;

/// <summary>
/// Supplies the handlers that carry out one authorization mode (e.g. credentials + SigV4 for <c>AWS_IAM</c>).
/// A mode with no registered factory fails validation at start-up instead of sending unauthenticated requests.
/// </summary>
internal interface IEndpointAuthorizationHandlerFactory
{
    /// <summary>True when this factory implements <paramref name="type"/>.</summary>
    bool Supports(AmplifyAuthorizationType type);


    /// <summary>The handlers, outermost first, appended after the API-key handler.</summary>
    IEnumerable<DelegatingHandler> CreateHandlers(AmplifyEndpoint endpoint, IServiceProvider services);
}
