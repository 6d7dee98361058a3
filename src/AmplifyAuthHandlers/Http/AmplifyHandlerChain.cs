using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The one place that says which handlers run for each <c>authorizationType</c>, outermost first. Read
/// <see cref="Create"/> top to bottom to know what runs on a request, in what order.
/// </summary>
/// <remarks>
/// <para>Where the chain sits: <see cref="EndpointChainHandler"/> runs it directly above the client's primary
/// handler, so everything else on the client (the user's handlers, resilience, HttpClientFactory's logging
/// handlers, handlers added by any <c>IHttpMessageHandlerBuilderFilter</c>) is outside it:</para>
/// <code>
/// [handlers the user adds on the endpoint's IHttpClientBuilder, resilience, HttpClientFactory logging]
/// EndpointChainHandler     picks the endpoint's current chain (configuration reloads included)
///   RedirectHandler          follows 3xx within the endpoint's origin, re-running all below; never elsewhere
///   EndpointRequestHandler   stage-relative paths, own-origin check, request state
///   EndpointResilienceHandler  the endpoint's retries and timeouts; each retry re-runs everything below (fresh signature);
///                            left out when the endpoint's Resilience:Enabled is false
///   CustomHeadersHandler     endpoint + per-request headers (outside the signer, so they are signed)
///   ApiKeyHandler            x-api-key, on any endpoint that has a key (left out on the others)
///   then, by authorizationType:
///     NONE, API_KEY                (nothing more)
///     AWS_IAM                      CredentialsHandler, SigV4SigningHandler (innermost)
///     AMAZON_COGNITO_USER_POOLS    TokenHandler (user-pool session)
///     OPENID_CONNECT, AWS_LAMBDA   TokenHandler (the endpoint's token provider)
/// [primary handler]          auto-redirect off (RedirectHandler follows instead)
/// </code>
/// <para>Token sources and credential providers come from the root provider: handlers are pooled, and a
/// scoped session would leak across callers.</para>
/// </remarks>
internal sealed class AmplifyHandlerChain(IServiceProvider rootServices)
{
    /// <summary>The handlers of <paramref name="endpoint"/>, outermost first, not yet linked.</summary>
    /// <exception cref="AmplifyConfigurationException">The endpoint's mode cannot be served (validation refuses this first).</exception>
    public DelegatingHandler[] Create(AmplifyEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var authorization = Authorization(endpoint);
        var handlers = new List<DelegatingHandler>(7) { EndpointRequest(endpoint) };

        // Handlers with nothing to do for this endpoint are left out rather than run on every request: the endpoint
        // is immutable, and a reload that turns resilience on or adds a key builds a new chain.
        if (endpoint.Resilience.Enabled)
        {
            handlers.Add(Resilience(endpoint));
        }

        handlers.Add(new CustomHeadersHandler(endpoint));
        if (endpoint.ApiKey is not null)
        {
            handlers.Add(new ApiKeyHandler(endpoint));
        }

        handlers.AddRange(authorization);
        return [.. handlers];
    }

    /// <summary>The innermost handlers, which authorize the request the way <paramref name="endpoint"/>'s mode says.</summary>
    private DelegatingHandler[] Authorization(AmplifyEndpoint endpoint) => endpoint.AuthorizationType switch
    {
        AmplifyAuthorizationType.None or AmplifyAuthorizationType.ApiKey => [],
        AmplifyAuthorizationType.AwsIam =>
        [
            new CredentialsHandler(endpoint.Name, rootServices.GetRequiredService<AwsCredentialsProviderSelector>().For(endpoint.Name), rootServices.GetRequiredService<TimeProvider>()),
            SigV4Signing(endpoint),
        ],
        AmplifyAuthorizationType.AmazonCognitoUserPools => [UserPoolToken(endpoint)],
        AmplifyAuthorizationType.OpenIdConnect or AmplifyAuthorizationType.AwsLambda => [ProviderToken(endpoint)],
        _ => throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': authorizationType {(int)endpoint.AuthorizationType} has no handlers; requests would go out unauthenticated, so none is sent."]),
    };

    private EndpointResilienceHandler Resilience(AmplifyEndpoint endpoint) =>
        new(endpoint, rootServices.GetRequiredService<TimeProvider>(), rootServices.GetRequiredService<ILogger<EndpointResilienceHandler>>());

    private EndpointRequestHandler EndpointRequest(AmplifyEndpoint endpoint) =>
        new(endpoint, rootServices.GetRequiredService<ILoggerFactory>().CreateLogger<EndpointRequestHandler>());

    private SigV4SigningHandler SigV4Signing(AmplifyEndpoint endpoint)
    {
        var region = endpoint.Region
            ?? throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': authorizationType AWS_IAM needs a region."]);
        return new SigV4SigningHandler(
            endpoint.Name,
            region,
            rootServices.GetRequiredService<AwsSigV4Signer>(),
            rootServices.GetRequiredService<AwsClockSkew>(),
            rootServices.GetRequiredService<ILogger<SigV4SigningHandler>>(),
            endpoint.MaxBufferedRequestBodyBytes);
    }

    private TokenHandler UserPoolToken(AmplifyEndpoint endpoint)
    {
        var session = rootServices.GetRequiredService<IUserPoolTokenSource>();
        return new TokenHandler(endpoint, new UserPoolEndpointTokenSource(endpoint, session), rootServices.GetRequiredService<ILogger<TokenHandler>>());
    }

    private TokenHandler ProviderToken(AmplifyEndpoint endpoint)
    {
        var mode = AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType);
        var registration = rootServices.GetRequiredService<AmplifyTokenProviderRegistry>().Find(endpoint.Name, endpoint.AuthorizationType)
            ?? throw new AmplifyConfigurationException([$"{mode} endpoint '{endpoint.Name}' has no token provider."]);
        var provider = registration.Factory(rootServices)
            ?? throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': {registration.RegisteredWith} produced no token provider."]);
        return new TokenHandler(endpoint, new ProviderEndpointTokenSource(endpoint, provider), rootServices.GetRequiredService<ILogger<TokenHandler>>());
    }
}
