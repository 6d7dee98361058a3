using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Configuration;

/// <summary>
/// Turns the validated options into <see cref="AmplifyEndpoint"/>s, once per options instance, and turns a
/// failed validation into <see cref="AmplifyConfigurationException"/> for callers outside the host's start-up.
/// </summary>
internal sealed class AmplifyEndpointCatalog(IOptionsMonitor<AmplifyRestApiOptions> optionsMonitor)
{
    private Snapshot? _snapshot;

    public AmplifyRestApiOptions Options
    {
        get
        {
            try
            {
                return optionsMonitor.CurrentValue;
            }
            catch (OptionsValidationException ex)
            {
                throw new AmplifyConfigurationException([.. ex.Failures], ex);
            }
        }
    }

    /// <summary>The endpoint named <paramref name="endpointName"/>.</summary>
    /// <exception cref="AmplifyConfigurationException">The configuration is invalid or has no such endpoint.</exception>
    public AmplifyEndpoint Get(string endpointName)
    {
        var options = Options;
        var snapshot = _snapshot;
        if (snapshot is null || !ReferenceEquals(snapshot.Options, options))
        {
            snapshot = new Snapshot(options);
            _snapshot = snapshot;
        }

        if (snapshot.Endpoints.TryGetValue(endpointName, out var endpoint))
        {
            return endpoint;
        }

        var configured = options.Endpoints.Count == 0 ? "(none)" : string.Join(", ", options.Endpoints.Keys.Order(StringComparer.Ordinal));
        throw new AmplifyConfigurationException([$"No REST endpoint named '{endpointName}' is configured. Configured endpoints: {configured}."]);
    }

    private sealed class Snapshot(AmplifyRestApiOptions options)
    {
        public AmplifyRestApiOptions Options { get; } = options;

        public Dictionary<string, AmplifyEndpoint> Endpoints { get; } =
            options.Endpoints.ToDictionary(pair => pair.Key, pair => new AmplifyEndpoint(pair.Key, pair.Value), StringComparer.Ordinal);
    }
}
