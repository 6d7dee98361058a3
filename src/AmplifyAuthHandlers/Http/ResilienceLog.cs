using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the endpoints' retries and timeouts: endpoint names, methods, statuses, exception types and delays — never a header, body or exception message.</summary>
internal static partial class ResilienceLog
{
    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Endpoint {EndpointName}: {Method} attempt {Attempt} ended with {Outcome}; retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string endpointName, string method, int attempt, string outcome, TimeSpan delay);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Warning, Message = "Endpoint {EndpointName}: {Method} ended with {Outcome} and Retry-After {RetryAfter}, beyond the {Bound} the library waits; the response is returned without a retry.")]
    public static partial void RetryAfterTooLong(ILogger logger, string endpointName, string method, string outcome, TimeSpan retryAfter, TimeSpan bound);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: {Method} ended with {Outcome} and is not retried: the method is not idempotent (set Resilience:RetryNonIdempotent to retry it).")]
    public static partial void NotRetriedNonIdempotent(ILogger logger, string endpointName, string method, string outcome);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: {Method} ended with {Outcome} and is not retried: its {ContentType} body cannot be sent twice.")]
    public static partial void NotRetriedBodyNotReplayable(ILogger logger, string endpointName, string method, string outcome, string contentType);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "Endpoint {EndpointName}: an attempt took longer than its {Timeout} (Resilience:AttemptTimeout) and was abandoned.")]
    public static partial void AttemptTimedOut(ILogger logger, string endpointName, TimeSpan timeout);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Warning, Message = "Endpoint {EndpointName}: the request took longer than its {Timeout} in all (Resilience:TotalTimeout) and was abandoned.")]
    public static partial void TotalTimeoutElapsed(ILogger logger, string endpointName, TimeSpan timeout);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Warning, Message = "HttpClient {ClientName} has a resilience handler of its own (such as AddStandardResilienceHandler) around endpoint {EndpointName}, whose library retries are on: attempts multiply (up to outer × inner). Remove one, or set Resilience:Enabled to false for the endpoint.")]
    public static partial void OuterResilienceHandlerDetected(ILogger logger, string clientName, string endpointName);
}
