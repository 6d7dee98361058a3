using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the configuration readers.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Skipped GraphQL endpoints {EndpointNames}: AmplifyAuthHandlers registers REST endpoints only.")]
    public static partial void GraphQlEndpointsSkipped(ILogger logger, string endpointNames);
}
