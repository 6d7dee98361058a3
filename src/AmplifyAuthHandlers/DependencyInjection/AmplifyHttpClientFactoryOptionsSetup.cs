using System.Collections.Concurrent;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>
/// Attaches the Amplify chain to a named client's own <see cref="HttpClientFactoryOptions"/>, as a post-configure
/// step so its builder action runs after every <c>Configure</c> of that client (the user's
/// <c>ConfigurePrimaryHttpMessageHandler</c> included). The action wraps the primary handler in an
/// <see cref="EndpointChainHandler"/>: the chain then sits below everything in
/// <see cref="HttpMessageHandlerBuilder.AdditionalHandlers"/> — user handlers, resilience, and the logging
/// handlers HttpClientFactory's filters add — whatever filters exist and in whatever order they were registered,
/// since filters and logging only ever add to <c>AdditionalHandlers</c>.
/// </summary>
/// <remarks>
/// It applies to every client name, not only the names known at registration, because an endpoint can appear
/// through a configuration reload; <see cref="EndpointChainHandler"/> lets requests of clients that are no
/// endpoint pass through untouched. Amplify's own Cognito and STS clients only get automatic redirects off (on the
/// socket handler under any delegating handlers the user wrapped around it).
/// </remarks>
internal sealed class AmplifyHttpClientFactoryOptionsSetup(
    AmplifyServiceRegistry registry,
    AmplifyEndpointCatalog catalog,
    AmplifyHandlerChain chains,
    ILoggerFactory loggerFactory) : IPostConfigureOptions<HttpClientFactoryOptions>
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<AmplifyHttpClientFactoryOptionsSetup>();
    private readonly ConcurrentDictionary<string, bool> _warnedDoubleRetries = new(StringComparer.Ordinal);

    public void PostConfigure(string? name, HttpClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(name))
        {
            // The unnamed default client: no endpoint has an empty name.
            return;
        }

        if (name is AmplifyHttpClientNames.CognitoIdentity or AmplifyHttpClientNames.CognitoIdentityProvider or AmplifyHttpClientNames.SecurityTokenService)
        {
            // Their bodies carry passwords, refresh and ID tokens: a redirect must not replay them elsewhere.
            options.HttpMessageHandlerBuilderActions.Add(builder => EndpointChainHandler.DisableAutoRedirect(builder.PrimaryHandler));
            return;
        }

        options.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            builder.PrimaryHandler = new EndpointChainHandler(name, builder.PrimaryHandler, registry, catalog, chains, loggerFactory);
            WarnOfDoubleRetries(name, builder.AdditionalHandlers);
        });

        if (!registry.TryGetEndpointName(name, out _))
        {
            // An endpoint added by a reload has no ConfigureHttpClient of its own: give its client the stage.
            options.HttpClientActions.Add(client =>
            {
                if (client.BaseAddress is null && catalog.TryFind(name, out var endpoint))
                {
                    client.BaseAddress = endpoint.BaseAddress;
                }
            });
        }
    }

    /// <summary>
    /// Logs once per client when a resilience handler the app added (AddStandardResilienceHandler, AddResilienceHandler)
    /// wraps an endpoint whose own retries are on: each outer attempt would run all the inner ones.
    /// </summary>
    private void WarnOfDoubleRetries(string clientName, IList<DelegatingHandler> handlers)
    {
        var endpointName = registry.TryGetEndpointName(clientName, out var bound) ? bound : clientName;
#pragma warning disable EXTEXP0001 // Only a type test; the handler itself is not used.
        if (!handlers.Any(handler => handler is ResilienceHandler)
#pragma warning restore EXTEXP0001
            || !catalog.TryFind(endpointName, out var endpoint)
            || !endpoint.Resilience.Enabled
            || endpoint.Resilience.MaxRetryAttempts == 0
            || !_warnedDoubleRetries.TryAdd(clientName, true))
        {
            return;
        }

        ResilienceLog.OuterResilienceHandlerDetected(_logger, clientName, endpointName);
    }
}
