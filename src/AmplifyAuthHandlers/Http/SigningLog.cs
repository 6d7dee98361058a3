using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the SigV4 signing handler. They name the endpoint and the status, never a key, token or signature.</summary>
internal static partial class SigningLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Signed a {Method} request to endpoint '{EndpointName}' with SigV4 (region {Region}).")]
    public static partial void RequestSigned(ILogger logger, string endpointName, string method, string region);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Endpoint '{EndpointName}' answered the signed request with status {StatusCode}.")]
    public static partial void ResponseReceived(ILogger logger, string endpointName, int statusCode);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Endpoint '{EndpointName}' rejected the SigV4 signature with status {StatusCode}; check the clock, the region and the IAM policy.")]
    public static partial void SignatureRejected(ILogger logger, string endpointName, int statusCode);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "No AWS credentials were resolved for a request to endpoint '{EndpointName}'; the request was not sent.")]
    public static partial void CredentialsMissing(ILogger logger, string endpointName);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Endpoint '{EndpointName}': {Origin} refused the signing time with a Date {Offset} off this machine's clock, beyond the {Limit} AWS could mean; the correction is ignored and the 403 returned. Check this machine's clock (warned once per origin).")]
    public static partial void ClockSkewIgnored(ILogger logger, string endpointName, string origin, TimeSpan offset, TimeSpan limit);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Endpoint '{EndpointName}': the request body is larger than the {Limit} bytes buffered to sign a body that cannot be read twice; the request was not sent.")]
    public static partial void RequestBodyTooLarge(ILogger logger, string endpointName, long limit);
}
