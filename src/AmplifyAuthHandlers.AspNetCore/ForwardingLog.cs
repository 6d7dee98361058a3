using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>Log messages of caller-token forwarding: why no token was found — never a token or header value.</summary>
internal static partial class ForwardingLog
{
    [LoggerMessage(EventId = 1401, Level = LogLevel.Debug, Message = "No caller token to forward to a {AuthorizationType} endpoint: {Problem}.")]
    public static partial void NoCallerToken(ILogger logger, string authorizationType, string problem);
}
