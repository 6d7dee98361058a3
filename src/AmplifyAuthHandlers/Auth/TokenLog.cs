using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of token authorization: endpoint names, modes, attempts and statuses — never a token.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Endpoint {EndpointName}: {AuthorizationType} token attached (attempt {Attempt}).")]
    public static partial void TokenAttached(ILogger logger, string endpointName, string authorizationType, int attempt);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Endpoint {EndpointName} answered 401; retrying once with a refreshed {AuthorizationType} token.")]
    public static partial void RetryingWithRefreshedToken(ILogger logger, string endpointName, string authorizationType);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Debug, Message = "Endpoint {EndpointName} answered 401; not retried because the request body ({ContentType}) cannot be sent twice.")]
    public static partial void NotRetriedBodyNotReplayable(ILogger logger, string endpointName, string contentType);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Endpoint {EndpointName} answered 401; not retried because the refreshed token is the one just rejected.")]
    public static partial void NotRetriedSameToken(ILogger logger, string endpointName);

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Endpoint {EndpointName} answered 401 to the refreshed {AuthorizationType} token too; the 401 is returned.")]
    public static partial void RefreshedTokenRejected(ILogger logger, string endpointName, string authorizationType);

    [LoggerMessage(EventId = 1330, Level = LogLevel.Information, Message = "Endpoint {EndpointName} answered 401 to a {Method} request without API Gateway's authorizer rejection (x-amzn-ErrorType: UnauthorizedException); not retried, because the backend may have run it and {Method} is not idempotent.")]
    public static partial void NotRetriedBackendMayHaveRun(ILogger logger, string endpointName, string method);
}
