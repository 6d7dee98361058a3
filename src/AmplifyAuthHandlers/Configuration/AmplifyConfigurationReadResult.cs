namespace AmplifyAuthHandlers;

/// <summary>What a configuration reader produced: the options it read, their problems, and what it skipped on purpose.</summary>
internal sealed class AmplifyConfigurationReadResult
{
    public AmplifyRestApiOptions Options { get; } = new();

    /// <summary>GraphQL endpoints are another category's business; they are logged, not reported as errors.</summary>
    public List<string> SkippedGraphQlEndpoints { get; } = [];

    /// <summary>Unknown keys and defaulted authorization types, logged once at start-up.</summary>
    public AmplifyConfigurationNotices Notices { get; } = new();
}
