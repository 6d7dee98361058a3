using AmplifyAuthHandlers.Auth;
using AmplifyAuthHandlers.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Http;

/// <summary>
/// <c>AMAZON_COGNITO_USER_POOLS</c>: a <see cref="TokenHandler"/> fed by the registered <see cref="IUserPoolTokenSource"/>,
/// resolved from the root provider (handlers are pooled; a scoped session would leak across callers).
/// </summary>
internal sealed class UserPoolAuthorizationHandlerFactory(IServiceProvider rootServices) : IEndpointAuthorizationHandlerFactory
{
    public bool Supports(AmplifyAuthorizationType type) => type == AmplifyAuthorizationType.AmazonCognitoUserPools;

    public IEnumerable<DelegatingHandler> CreateHandlers(AmplifyEndpoint endpoint, IServiceProvider services)
    {
        var session = rootServices.GetRequiredService<IUserPoolTokenSource>();
        var logger = rootServices.GetRequiredService<ILoggerFactory>().CreateLogger<TokenHandler>();
        yield return new TokenHandler(endpoint, new UserPoolEndpointTokenSource(endpoint, session), logger);
    }
}
