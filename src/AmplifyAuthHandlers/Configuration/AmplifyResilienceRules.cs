using System.Globalization;

namespace AmplifyAuthHandlers;

/// <summary>The start-up checks of an endpoint's <see cref="AmplifyResilienceOptions"/>, each problem naming the endpoint and the key.</summary>
internal static class AmplifyResilienceRules
{
    /// <summary>The most retries an endpoint may ask for: more only multiplies the load on a backend that is already failing.</summary>
    public const int MaxRetryAttemptsLimit = 10;

    /// <summary>The shortest timeout Polly accepts.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest timeout Polly accepts.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    public static void Validate(string name, AmplifyRestEndpointOptions endpoint, List<string> problems)
    {
        var options = endpoint.Resilience;
        if (options is null || !options.Enabled)
        {
            return;
        }

        if (options.MaxRetryAttempts is < 0 or > MaxRetryAttemptsLimit)
        {
            problems.Add($"Endpoint '{name}': Resilience.MaxRetryAttempts {options.MaxRetryAttempts.ToString(CultureInfo.InvariantCulture)} at {PathOf(endpoint, name, nameof(AmplifyResilienceOptions.MaxRetryAttempts))} is out of range; expected 0 to {MaxRetryAttemptsLimit.ToString(CultureInfo.InvariantCulture)} (0 sends once, with the timeouts).");
        }

        CheckTimeout(name, endpoint, nameof(AmplifyResilienceOptions.AttemptTimeout), options.AttemptTimeout, problems);
        CheckTimeout(name, endpoint, nameof(AmplifyResilienceOptions.TotalTimeout), options.TotalTimeout, problems);
        if (options.AttemptTimeout > options.TotalTimeout)
        {
            problems.Add($"Endpoint '{name}': Resilience.AttemptTimeout ({options.AttemptTimeout.ToString("c", CultureInfo.InvariantCulture)}) at {PathOf(endpoint, name, nameof(AmplifyResilienceOptions.AttemptTimeout))} is longer than Resilience.TotalTimeout ({options.TotalTimeout.ToString("c", CultureInfo.InvariantCulture)}) at {PathOf(endpoint, name, nameof(AmplifyResilienceOptions.TotalTimeout))}; make the total at least one attempt long.");
        }
    }

    private static void CheckTimeout(string name, AmplifyRestEndpointOptions endpoint, string key, TimeSpan value, List<string> problems)
    {
        if (value < MinTimeout || value > MaxTimeout)
        {
            problems.Add($"Endpoint '{name}': Resilience.{key} {value.ToString("c", CultureInfo.InvariantCulture)} at {PathOf(endpoint, name, key)} is out of range; expected 00:00:00.010 to 1.00:00:00 (set Resilience.Enabled to false to turn retries and timeouts off).");
        }
    }

    private static string PathOf(AmplifyRestEndpointOptions endpoint, string name, string key) =>
        endpoint.SourcePaths.TryGetValue(AmplifyResilienceSectionReader.SourceKey(key), out var path) ? path : $"Endpoints[\"{name}\"].Resilience.{key}";
}
