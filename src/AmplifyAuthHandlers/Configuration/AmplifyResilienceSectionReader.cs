using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads an endpoint's <c>Resilience</c> configuration section (<c>Enabled</c>, <c>MaxRetryAttempts</c>,
/// <c>RetryNonIdempotent</c>, <c>AttemptTimeout</c>, <c>TotalTimeout</c>), recording each key's configuration path
/// for error messages and each unreadable value as a problem rather than throwing.
/// </summary>
internal static class AmplifyResilienceSectionReader
{
    /// <summary>The names of the settings, as configuration keys below <c>Resilience</c> and as <see cref="AmplifyRestEndpointOptions.SourcePaths"/> keys after <c>Resilience.</c>.</summary>
    public static readonly string[] Keys =
    [
        nameof(AmplifyResilienceOptions.Enabled),
        nameof(AmplifyResilienceOptions.MaxRetryAttempts),
        nameof(AmplifyResilienceOptions.RetryNonIdempotent),
        nameof(AmplifyResilienceOptions.AttemptTimeout),
        nameof(AmplifyResilienceOptions.TotalTimeout),
    ];

    /// <summary>The <see cref="AmplifyRestEndpointOptions.SourcePaths"/> key of a resilience setting.</summary>
    public static string SourceKey(string setting) => "Resilience." + setting;

    public static void Read(IConfigurationSection endpointSection, AmplifyRestEndpointOptions endpoint, List<string> problems)
    {
        var section = endpointSection.GetSection("Resilience");
        foreach (var key in Keys)
        {
            endpoint.SourcePaths[SourceKey(key)] = $"configuration key '{ConfigurationPath.Combine(section.Path, key)}'";
        }

        var target = endpoint.Resilience;
        if (Value(section, nameof(AmplifyResilienceOptions.Enabled)) is { } enabled)
        {
            if (bool.TryParse(enabled, out var parsed))
            {
                target.Enabled = parsed;
            }
            else
            {
                problems.Add($"Endpoint '{endpointSection.Key}': '{enabled}' at {endpoint.SourcePaths[SourceKey(nameof(AmplifyResilienceOptions.Enabled))]} is not true or false.");
            }
        }

        if (Value(section, nameof(AmplifyResilienceOptions.RetryNonIdempotent)) is { } retryNonIdempotent)
        {
            if (bool.TryParse(retryNonIdempotent, out var parsed))
            {
                target.RetryNonIdempotent = parsed;
            }
            else
            {
                problems.Add($"Endpoint '{endpointSection.Key}': '{retryNonIdempotent}' at {endpoint.SourcePaths[SourceKey(nameof(AmplifyResilienceOptions.RetryNonIdempotent))]} is not true or false.");
            }
        }

        if (Value(section, nameof(AmplifyResilienceOptions.MaxRetryAttempts)) is { } retries)
        {
            if (int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            {
                target.MaxRetryAttempts = parsed;
            }
            else
            {
                problems.Add($"Endpoint '{endpointSection.Key}': '{retries}' at {endpoint.SourcePaths[SourceKey(nameof(AmplifyResilienceOptions.MaxRetryAttempts))]} is not a whole number; expected 0 to {AmplifyResilienceRules.MaxRetryAttemptsLimit}.");
            }
        }

        if (ReadTimeSpan(section, endpointSection.Key, endpoint, nameof(AmplifyResilienceOptions.AttemptTimeout), problems) is { } attempt)
        {
            target.AttemptTimeout = attempt;
        }

        if (ReadTimeSpan(section, endpointSection.Key, endpoint, nameof(AmplifyResilienceOptions.TotalTimeout), problems) is { } total)
        {
            target.TotalTimeout = total;
        }
    }

    private static TimeSpan? ReadTimeSpan(IConfigurationSection section, string endpointName, AmplifyRestEndpointOptions endpoint, string key, List<string> problems)
    {
        if (Value(section, key) is not { } text)
        {
            return null;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        problems.Add($"Endpoint '{endpointName}': '{text}' at {endpoint.SourcePaths[SourceKey(key)]} is not a time span such as 00:00:30.");
        return null;
    }

    private static string? Value(IConfigurationSection section, string key) =>
        section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
