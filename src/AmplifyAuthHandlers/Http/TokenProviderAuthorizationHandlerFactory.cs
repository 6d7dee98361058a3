using AmplifyAuthHandlers.Auth;
using AmplifyAuthHandlers.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Http;

/// <summary>
/// <c>OPENID_CONNECT</c> and <c>AWS_LAMBDA</c>: a <see cref="TokenHandler"/> fed by the endpoint's token provider,
/// created from the root provider (handlers are pooled; a scoped provider would leak across callers).
/// </summary>
internal sealed class TokenProviderAuthorizationHandlerFactory(
    IServiceProvider rootServices,
    AmplifyTokenProviderRegistry registry) : IEndpointAuthorizationHandlerFactory
{
    public bool Supports(AmplifyAuthorizationType type) => type is AmplifyAuthorizationType.OpenIdConnect or AmplifyAuthorizationType.AwsLambda;

    public IEnumerable<DelegatingHandler> CreateHandlers(AmplifyEndpoint endpoint, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var registration = registry.Find(endpoint.Name, endpoint.AuthorizationType)
            ?? throw new AmplifyConfigurationException([$"{AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType)} endpoint '{endpoint.Name}' has no token provider."]);
        var provider = registration.Factory(rootServices)
            ?? throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': {registration.RegisteredWith} produced no token provider."]);
        var logger = rootServices.GetRequiredService<ILoggerFactory>().CreateLogger<TokenHandler>();
        yield return new TokenHandler(endpoint, new ProviderEndpointTokenSource(endpoint, provider), logger);
    }
}
