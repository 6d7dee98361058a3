using AmplifyAuthHandlers.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Http;

/// <summary>Builds one endpoint's handlers, outermost first, in the order GUIDE.md fixes.</summary>
internal sealed class AmplifyHandlerChainFactory(IEnumerable<IEndpointAuthorizationHandlerFactory> factories)
{
    private readonly IEndpointAuthorizationHandlerFactory[] _factories = [.. factories];

    public IEnumerable<DelegatingHandler> Create(AmplifyEndpoint endpoint, IServiceProvider services)
    {
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        yield return new EndpointRequestHandler(endpoint, loggerFactory.CreateLogger<EndpointRequestHandler>());
        yield return new CustomHeadersHandler(endpoint);
        yield return new ApiKeyHandler(endpoint);
        if (endpoint.AuthorizationType is AmplifyAuthorizationType.None or AmplifyAuthorizationType.ApiKey)
        {
            yield break;
        }

        // Validation refuses a mode nobody implements, so a missing factory here is a bug, never a silent no-op.
        var factory = Array.Find(_factories, f => f.Supports(endpoint.AuthorizationType))
            ?? throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': authorizationType {AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType)} has no handlers registered."]);
        foreach (var handler in factory.CreateHandlers(endpoint, services))
        {
            yield return handler;
        }
    }
}
