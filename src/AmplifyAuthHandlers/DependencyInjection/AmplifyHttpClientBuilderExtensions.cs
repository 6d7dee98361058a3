using AmplifyAuthHandlers;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Gives typed and Refit clients an Amplify endpoint's base address and auth handlers.</summary>
public static class AmplifyHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes the client call <paramref name="endpointName"/>: its base address and the same auth handler chain
    /// as the endpoint's named client, appended inside any handler added to <paramref name="builder"/>.
    /// </summary>
    /// <param name="builder">The client's builder, e.g. from <c>AddHttpClient&lt;T&gt;()</c> or <c>AddRefitClient&lt;T&gt;()</c>.</param>
    /// <param name="endpointName">The endpoint's name in the Amplify configuration.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Call <c>AddAmplifyRestApi</c> too; an unknown endpoint name fails validation at start-up.</remarks>
    public static IHttpClientBuilder AddAmplifyAuthorization(this IHttpClientBuilder builder, string endpointName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        var registry = AmplifyRestApiServiceCollectionExtensions.AddCore(builder.Services);
        registry.BindClient(builder.Name, endpointName);
        return builder.ConfigureHttpClient((provider, client) => client.BaseAddress = provider.GetRequiredService<AmplifyEndpointCatalog>().Get(endpointName).BaseAddress);
    }
}
