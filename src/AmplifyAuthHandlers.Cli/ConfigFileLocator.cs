namespace AmplifyAuthHandlers.Cli;

/// <summary>Finds the configuration file: <c>--config</c>, else <c>./amplifyconfiguration.json</c>, else <c>./amplify_outputs.json</c>.</summary>
internal static class ConfigFileLocator
{
    public const string Gen1FileName = "amplifyconfiguration.json";
    public const string Gen2FileName = "amplify_outputs.json";

    /// <exception cref="CliUsageException">The named file does not exist, or neither default does.</exception>
    public static string Locate(string? configOption, CliConsole console)
    {
        if (!string.IsNullOrWhiteSpace(configOption))
        {
            var path = console.FullPath(configOption);
            return File.Exists(path)
                ? path
                : throw new CliUsageException($"Configuration file '{path}' does not exist.");
        }

        foreach (var name in (string[])[Gen1FileName, Gen2FileName])
        {
            var path = Path.Combine(console.CurrentDirectory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new CliUsageException(
            $"No configuration file: found neither ./{Gen1FileName} nor ./{Gen2FileName} in '{console.CurrentDirectory}'; pass --config FILE.");
    }
}
