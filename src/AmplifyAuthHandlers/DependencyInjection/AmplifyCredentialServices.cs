using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>Registers credential sources, the clock-skew memory and the user-pool session shared by all endpoints.</summary>
internal static class AmplifyCredentialServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(provider => new AwsClockSkew(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAmplifyIdentityIdStore, InMemoryIdentityIdStore>();
        services.TryAddSingleton<IAmplifyTokenStore, InMemoryTokenStore>();
        services.TryAddSingleton<AwsCredentialsProviderSelector>();
        services.TryAddSingleton(provider => new AwsSigV4Signer(provider.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmplifyRestApiOptions>, AwsIamCredentialsSourceValidator>());
        services.TryAddSingleton(provider => new AmplifyAuth(
            provider.GetRequiredService<AmplifyEndpointCatalog>(),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<IAmplifyTokenStore>(),
            provider.GetRequiredService<AwsClockSkew>(),
            () => provider.GetRequiredService<AwsCredentialsProviderSelector>().IdentityPoolProvider(),
            provider.GetRequiredService<ILogger<AmplifyAuth>>()));
        services.TryAddSingleton<IAmplifyAuth>(provider => provider.GetRequiredService<AmplifyAuth>());
        services.TryAddSingleton<ICognitoLoginsProvider>(provider => provider.GetRequiredService<AmplifyAuth>());
    }
}
