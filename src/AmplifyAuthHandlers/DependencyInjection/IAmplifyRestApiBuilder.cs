
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddAmplifyRestApi</c>, to configure what it registered further.</summary>
public interface IAmplifyRestApiBuilder
{
    /// <summary>Gets the service collection the REST API was added to.</summary>
    /// <value>The collection passed to <c>AddAmplifyRestApi</c>.</value>
    IServiceCollection Services { get; }

    /// <summary>Returns the <see cref="IHttpClientBuilder"/> of one endpoint's named client, to add handlers (e.g. resilience) outside its auth handlers.</summary>
    /// <param name="endpointName">The endpoint's name.</param>
    /// <returns>The builder of the client named <paramref name="endpointName"/>.</returns>
    IHttpClientBuilder Endpoint(string endpointName);
}
