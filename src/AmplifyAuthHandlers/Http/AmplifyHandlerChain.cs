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
///   EndpointRequestHandler   stage-relative paths, own-origin check, request state
///   CustomHeadersHandler     endpoint + per-request headers (outside the signer, so they are signed)
///   ApiKeyHandler            x-api-key, on any endpoint that has a key
///   then, by authorizationType:
///     NONE, API_KEY                (nothing more)
///     AWS_IAM                      CredentialsHandler, SigV4SigningHandler (innermost)
///     AMAZON_COGNITO_USER_POOLS    TokenHandler (user-pool session)
///     OPENID_CONNECT, AWS_LAMBDA   TokenHandler (the endpoint's token provider)
/// [primary handler]          auto-redirect off for endpoints that carry credentials
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
        return endpoint.AuthorizationType switch
        {
            AmplifyAuthorizationType.None or AmplifyAuthorizationType.ApiKey =>
            [
                EndpointRequest(endpoint),
                new CustomHeadersHandler(endpoint),
                new ApiKeyHandler(endpoint),
            ],
            AmplifyAuthorizationType.AwsIam =>
            [
                EndpointRequest(endpoint),
                new CustomHeadersHandler(endpoint),
                new ApiKeyHandler(endpoint),
                new CredentialsHandler(rootServices.GetRequiredService<AwsCredentialsProviderSelector>().For(endpoint.Name), endpoint.Name),
                SigV4Signing(endpoint),
            ],
            AmplifyAuthorizationType.AmazonCognitoUserPools =>
            [
                EndpointRequest(endpoint),
                new CustomHeadersHandler(endpoint),
                new ApiKeyHandler(endpoint),
                UserPoolToken(endpoint),
            ],
            AmplifyAuthorizationType.OpenIdConnect or AmplifyAuthorizationType.AwsLambda =>
            [
                EndpointRequest(endpoint),
                new CustomHeadersHandler(endpoint),
                new ApiKeyHandler(endpoint),
                ProviderToken(endpoint),
            ],
            _ => throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': authorizationType {(int)endpoint.AuthorizationType} has no handlers; requests would go out unauthenticated, so none is sent."]),
        };
    }

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
            rootServices.GetRequiredService<ILogger<SigV4SigningHandler>>());
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
