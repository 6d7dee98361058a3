using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of sign-in and token refresh: flows, steps, error codes and expiry times — never a password or token.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "No caller token to forward to a {AuthorizationType} endpoint: {Problem}.")]
    public static partial void NoCallerToken(ILogger logger, string authorizationType, string problem);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Signed in to user pool {UserPoolId} with {AuthFlow}.")]
    public static partial void SignedIn(ILogger logger, string userPoolId, string authFlow);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Sign-in to user pool {UserPoolId} needs {NextStep}.")]
    public static partial void ChallengePending(ILogger logger, string userPoolId, AmplifySignInStep nextStep);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "User-pool tokens refreshed; the access token expires at {AccessExpiresAt}.")]
    public static partial void Refreshed(ILogger logger, DateTimeOffset accessExpiresAt);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Refreshing user-pool tokens failed; the current tokens are still valid and stay in use.")]
    public static partial void RefreshFailedKeepingTokens(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The refresh token was refused ({ErrorCode}); the session has ended.")]
    public static partial void SessionEnded(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Information, Message = "Signed out of user pool {UserPoolId} (global: {Global}).")]
    public static partial void SignedOut(ILogger logger, string userPoolId, bool global);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "The identity pool gave no credentials for the session.")]
    public static partial void NoIdentityCredentials(ILogger logger, Exception exception);
}
