using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Credentials;

/// <summary>Log messages of the credential sources: source names, identity IDs, expiry times and error codes — never a key or token.</summary>
internal static partial class CredentialsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "AWS credentials from {Source} refreshed; they expire at {Expiration}.")]
    public static partial void Refreshed(ILogger logger, string source, DateTimeOffset? expiration);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Refreshing AWS credentials from {Source} failed.")]
    public static partial void RefreshFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Refreshing AWS credentials from {Source} failed; the previous credentials are still valid and stay in use.")]
    public static partial void UsingOldCredentials(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Identity pool {IdentityPoolId}: the cached identity {IdentityId} was refused ({ErrorCode}); getting a new identity.")]
    public static partial void StaleIdentity(ILogger logger, string identityPoolId, string identityId, string errorCode);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "Identity pool {IdentityPoolId}: the principal changed (authenticated: {IsAuthenticated}); cached credentials dropped.")]
    public static partial void PrincipalChanged(ILogger logger, string identityPoolId, bool isAuthenticated);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Request to {Host} was refused for clock skew; the clock is {Offset} off AWS's, re-signing with the corrected time.")]
    public static partial void ClockSkewCorrected(ILogger logger, string host, TimeSpan offset);
}
