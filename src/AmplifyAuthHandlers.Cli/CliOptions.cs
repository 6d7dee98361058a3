using System.CommandLine;

namespace AmplifyAuthHandlers.Cli;

/// <summary>Options several commands share.</summary>
internal static class CliOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "The Amplify configuration file. Default: ./amplifyconfiguration.json, then ./amplify_outputs.json.",
        HelpName = "FILE",
    };

    public static Option<bool> Debug() => new("--debug")
    {
        Description = "On an error, print the exception with its stack trace.",
        Recursive = true,
    };
}
