namespace AmplifyAuthHandlers;

/// <summary>
/// What a reader noticed that is not an error but must not pass silently: keys it does not read, and endpoints
/// whose authorization was chosen by default. Logged once at start-up (see <see cref="ConfigurationLog.LogNotices"/>).
/// </summary>
internal sealed class AmplifyConfigurationNotices
{
    /// <summary>Keys inside a section the readers read that they do not know: the key's path and the keys read there.</summary>
    public List<(string Path, string ReadKeys)> UnknownKeys { get; } = [];

    /// <summary>Endpoints without an authorization type, signed with AWS_IAM as Amplify does: name and where it was read.</summary>
    public List<(string EndpointName, string Path)> DefaultedToAwsIam { get; } = [];
}
