using AmplifyAuthHandlers.Configuration;
using AmplifyAuthHandlers.Http;
using Microsoft.Extensions.Http;

namespace AmplifyAuthHandlers.DependencyInjection;

/// <summary>
/// Appends the auth handlers after every other configuration of a client has run, so handlers the user
/// adds (resilience, logging) sit outside them and a retry re-runs the whole auth chain.
/// </summary>
internal sealed class AmplifyHttpMessageHandlerBuilderFilter(
    AmplifyServiceRegistry registry,
    AmplifyEndpointCatalog catalog,
    AmplifyHandlerChainFactory chainFactory) : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);
            if (builder.Name is AmplifyHttpClientNames.CognitoIdentity or AmplifyHttpClientNames.CognitoIdentityProvider or AmplifyHttpClientNames.SecurityTokenService)
            {
                // Their bodies carry passwords, refresh and ID tokens: a redirect must not replay them elsewhere.
                DisableAutoRedirect(builder.PrimaryHandler);
                return;
            }

            if (builder.Name is null || !registry.TryGetEndpointName(builder.Name, out var endpointName))
            {
                return;
            }

            var endpoint = catalog.Get(endpointName);
            foreach (var handler in chainFactory.Create(endpoint, builder.Services))
            {
                builder.AdditionalHandlers.Add(handler);
            }

            if (endpoint.CarriesCredentials)
            {
                // A redirect would replay the request's key, token or signature to wherever it points.
                DisableAutoRedirect(builder.PrimaryHandler);
            }
        };
    }

    private static void DisableAutoRedirect(HttpMessageHandler primary)
    {
        switch (primary)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }
}
