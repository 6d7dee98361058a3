using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Source-generated log messages of the STS wire client. They name the operation, the role ARN, the HTTP status and
/// STS's error code — never the web identity token, a key or a session token.
/// </summary>
internal static partial class SecurityTokenLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "STS AssumeRoleWithWebIdentity for role {RoleArn} succeeded; the credentials expire at {Expiration}.")]
    public static partial void AssumeRoleSucceeded(ILogger logger, string roleArn, DateTimeOffset expiration);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "STS AssumeRoleWithWebIdentity for role {RoleArn} failed with HTTP {StatusCode} and error code {ErrorCode}.")]
    public static partial void AssumeRoleFailed(ILogger logger, string roleArn, int statusCode, string errorCode);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "STS AssumeRoleWithWebIdentity for role {RoleArn} returned HTTP {StatusCode} with a body that is not a valid response.")]
    public static partial void InvalidResponse(ILogger logger, string roleArn, int statusCode);

    [LoggerMessage(EventId = 4210, Level = LogLevel.Information, Message = "STS AssumeRoleWithWebIdentity for role {RoleArn}: attempt {Attempt} ended with {Outcome}; retrying in {Delay}.")]
    public static partial void Retrying(ILogger logger, string roleArn, int attempt, string outcome, TimeSpan delay);
}
