using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Log messages of the configuration readers.</summary>
internal static partial class ConfigurationLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Skipped GraphQL endpoints {EndpointNames}: AmplifyAuthHandlers registers REST endpoints only.")]
    public static partial void GraphQlEndpointsSkipped(ILogger logger, string endpointNames);

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Ignored {KeyPath}: AmplifyAuthHandlers does not read this key (it reads {ReadKeys} there). Check its spelling, or remove it.")]
    public static partial void UnknownKeyIgnored(ILogger logger, string keyPath, string readKeys);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Endpoint '{EndpointName}' ({Path}) has no authorizationType; its requests are signed with AWS_IAM, as Amplify does by default.")]
    public static partial void AuthorizationTypeDefaultedToAwsIam(ILogger logger, string endpointName, string path);

    /// <summary>
    /// Logs what a reader noticed; <paramref name="alreadyLogged"/> remembers each line so a configuration read
    /// again (a reload, another options build) does not repeat it.
    /// </summary>
    public static void LogNotices(ILogger logger, AmplifyConfigurationNotices notices, ISet<string> alreadyLogged)
    {
        lock (alreadyLogged)
        {
            foreach (var (path, readKeys) in notices.UnknownKeys)
            {
                if (alreadyLogged.Add("unknown:" + path) && logger.IsEnabled(LogLevel.Warning))
                {
                    UnknownKeyIgnored(logger, path, readKeys);
                }
            }

            foreach (var (endpointName, path) in notices.DefaultedToAwsIam)
            {
                if (alreadyLogged.Add("iam:" + endpointName + "\n" + path) && logger.IsEnabled(LogLevel.Information))
                {
                    AuthorizationTypeDefaultedToAwsIam(logger, endpointName, path);
                }
            }
        }
    }
}
