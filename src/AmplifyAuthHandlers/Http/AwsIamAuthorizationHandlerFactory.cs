using AmplifyAuthHandlers.Configuration;
using AmplifyAuthHandlers.Credentials;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Http;

/// <summary><c>AWS_IAM</c>: the credentials handler, then the SigV4 signing handler, innermost.</summary>
internal sealed class AwsIamAuthorizationHandlerFactory(IServiceProvider services) : IEndpointAuthorizationHandlerFactory
{
    public bool Supports(AmplifyAuthorizationType type) => type == AmplifyAuthorizationType.AwsIam;

    public IEnumerable<DelegatingHandler> CreateHandlers(AmplifyEndpoint endpoint, IServiceProvider requestServices)
    {
        var region = endpoint.Region
            ?? throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': authorizationType AWS_IAM needs a region."]);
        yield return new CredentialsHandler(services.GetRequiredService<AwsCredentialsProviderSelector>().For(endpoint.Name));
        yield return new SigV4SigningHandler(
            endpoint.Name,
            region,
            services.GetRequiredService<AwsSigV4Signer>(),
            services.GetRequiredService<AwsClockSkew>(),
            services.GetRequiredService<ILogger<SigV4SigningHandler>>());
    }
}
