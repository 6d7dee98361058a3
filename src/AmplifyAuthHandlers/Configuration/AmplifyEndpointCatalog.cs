using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

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
        if (SnapshotOf(options).Endpoints.TryGetValue(endpointName, out var endpoint))
        {
            return endpoint;
        }

        var configured = options.Endpoints.Count == 0 ? "(none)" : string.Join(", ", options.Endpoints.Keys.Order(StringComparer.Ordinal));
        throw new AmplifyConfigurationException([$"No REST endpoint named '{endpointName}' is configured. Configured endpoints: {configured}."]);
    }

    /// <summary>
    /// The endpoint named <paramref name="endpointName"/> when the current configuration is valid and has it;
    /// false otherwise, without throwing (for clients that may not be Amplify's at all).
    /// </summary>
    public bool TryFind(string endpointName, [NotNullWhen(true)] out AmplifyEndpoint? endpoint)
    {
        AmplifyRestApiOptions options;
        try
        {
            options = optionsMonitor.CurrentValue;
        }
        catch (OptionsValidationException)
        {
            endpoint = null;
            return false;
        }

        return SnapshotOf(options).Endpoints.TryGetValue(endpointName, out endpoint);
    }

    /// <summary>The endpoints of <paramref name="options"/>; the same instances while the options instance stays (until a reload).</summary>
    private Snapshot SnapshotOf(AmplifyRestApiOptions options)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && ReferenceEquals(snapshot.Options, options))
        {
            return snapshot;
        }

        // The first snapshot published for an options instance wins, so every caller sees the same endpoint
        // instances until the next reload (the handlers rebuild a chain only when its endpoint instance changes).
        var created = new Snapshot(options);
        var seen = Interlocked.CompareExchange(ref _snapshot, created, snapshot);
        return ReferenceEquals(seen, snapshot) || !ReferenceEquals(seen?.Options, options) ? created : seen!;
    }

    private sealed class Snapshot(AmplifyRestApiOptions options)
    {
        public AmplifyRestApiOptions Options { get; } = options;

        public Dictionary<string, AmplifyEndpoint> Endpoints { get; } =
            options.Endpoints.ToDictionary(pair => pair.Key, pair => new AmplifyEndpoint(pair.Key, pair.Value), StringComparer.Ordinal);
    }
}
