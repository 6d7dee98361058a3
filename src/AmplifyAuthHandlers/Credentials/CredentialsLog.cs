using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the credential sources: source names, identity IDs, expiry times and error codes — never a key or token.</summary>
internal static partial class CredentialsLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "AWS credentials from {Source} refreshed; they expire at {Expiration}.")]
    public static partial void Refreshed(ILogger logger, string source, DateTimeOffset? expiration);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Refreshing AWS credentials from {Source} failed.")]
    public static partial void RefreshFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Refreshing AWS credentials from {Source} failed; the previous credentials are still valid and stay in use.")]
    public static partial void UsingOldCredentials(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "Identity pool {IdentityPoolId}: the cached identity {IdentityId} was refused ({ErrorCode}); getting a new identity.")]
    public static partial void StaleIdentity(ILogger logger, string identityPoolId, string identityId, string errorCode);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "Identity pool {IdentityPoolId}: the principal changed (authenticated: {IsAuthenticated}); cached credentials dropped.")]
    public static partial void PrincipalChanged(ILogger logger, string identityPoolId, bool isAuthenticated);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Request to {Host} was refused for clock skew; the clock is {Offset} off AWS's, re-signing with the corrected time.")]
    public static partial void ClockSkewCorrected(ILogger logger, string host, TimeSpan offset);
}
