using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log events of the diagnostics area (event IDs 1600–1699).</summary>
internal static partial class DiagnosticsLog
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Endpoint '{EndpointName}' rejected the SigV4 signature; API Gateway computed a different request. Lines that differ from what was signed (secrets redacted):\n{Difference}")]
    public static partial void SignatureMismatch(ILogger logger, string endpointName, string difference);
}
