using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers;

internal sealed class AmplifyRestApiBuilder(IServiceCollection services) : IAmplifyRestApiBuilder
{
    public IServiceCollection Services { get; } = services;

    public IHttpClientBuilder Endpoint(string endpointName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        AmplifyRestApiServiceCollectionExtensions.AddCore(Services).BindClient(endpointName, endpointName);
        return Services.AddHttpClient(endpointName);
    }
}
