using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the endpoint handlers: endpoint names, modes, origins and counts — never a key, token or header value.</summary>
internal static partial class HttpLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Endpoint {EndpointName} refused a request to {RequestOrigin}: it is not the endpoint's origin.")]
    public static partial void CrossOriginRefused(ILogger logger, string endpointName, string requestOrigin);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Endpoint {EndpointName} sends a request to {RequestOrigin} without credentials (AllowCrossOriginRequests).")]
    public static partial void CrossOriginWithoutCredentials(ILogger logger, string endpointName, string requestOrigin);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: the caller set Authorization; automatic authorization is skipped for this request.")]
    public static partial void CallerAuthorizationKept(ILogger logger, string endpointName);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: path {OriginalPath} was outside the stage and now goes to {RewrittenPath}.")]
    public static partial void StagePathRestored(ILogger logger, string endpointName, string originalPath, string rewrittenPath);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Endpoint {EndpointName}: a {StatusCode} redirect to {RedirectOrigin} was not followed, because it leaves the endpoint's origin; the redirect is returned to the caller.")]
    public static partial void RedirectToOtherOriginNotFollowed(ILogger logger, string endpointName, int statusCode, string redirectOrigin);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: following a {StatusCode} redirect within its origin as {Method} (redirect {RedirectCount}); the request is authorized again.")]
    public static partial void RedirectFollowed(ILogger logger, string endpointName, int statusCode, string method, int redirectCount);

    [LoggerMessage(EventId = 1032, Level = LogLevel.Information, Message = "Endpoint {EndpointName}: a {StatusCode} redirect was not followed, because the request body ({ContentType}) cannot be sent twice; the redirect is returned to the caller.")]
    public static partial void RedirectNotFollowedBodyNotReplayable(ILogger logger, string endpointName, int statusCode, string contentType);

    [LoggerMessage(EventId = 1033, Level = LogLevel.Warning, Message = "Endpoint {EndpointName}: a {StatusCode} redirect was not followed, because {MaxRedirects} redirects were followed already (MaxAutomaticRedirections); the redirect is returned to the caller.")]
    public static partial void TooManyRedirects(ILogger logger, string endpointName, int statusCode, int maxRedirects);

}
