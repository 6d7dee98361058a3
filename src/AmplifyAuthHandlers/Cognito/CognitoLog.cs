using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Source-generated log messages of the Cognito wire clients. They name the operation, the HTTP status and
/// Cognito's error code — never a request or response body, a password, a token or a secret.
/// </summary>
internal static partial class CognitoLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Cognito {Operation} succeeded with HTTP {StatusCode}")]
    public static partial void RequestSucceeded(ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Cognito {Operation} failed with HTTP {StatusCode} and error code {ErrorCode}")]
    public static partial void RequestFailed(ILogger logger, string operation, int statusCode, string errorCode);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Cognito {Operation} returned HTTP {StatusCode} with a body that is not a valid {Operation} response")]
    public static partial void InvalidResponse(ILogger logger, string operation, int statusCode);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Cognito {Operation} attempt {Attempt} ended with {Outcome}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string outcome, TimeSpan delay);
}
