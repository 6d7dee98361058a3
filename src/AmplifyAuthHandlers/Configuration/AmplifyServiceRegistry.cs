namespace AmplifyAuthHandlers;

/// <summary>
/// What registration learned before the container was built: which client names belong to which endpoint.
/// One instance per <see cref="Microsoft.Extensions.DependencyInjection.IServiceCollection"/>, found again by every registration call.
/// </summary>
internal sealed class AmplifyServiceRegistry
{
    private readonly Dictionary<string, string> _clientEndpoints = new(StringComparer.Ordinal);

    /// <summary>Client names (endpoint names and typed/Refit client names) with the endpoint each one calls.</summary>
    public IReadOnlyDictionary<string, string> ClientEndpoints => _clientEndpoints;

    public void BindClient(string clientName, string endpointName) => _clientEndpoints[clientName] = endpointName;

    public bool TryGetEndpointName(string clientName, out string endpointName) =>
        _clientEndpoints.TryGetValue(clientName, out endpointName!);
}
