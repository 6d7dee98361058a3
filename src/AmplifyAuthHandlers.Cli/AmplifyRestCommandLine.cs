using System.CommandLine;

namespace AmplifyAuthHandlers.Cli;

/// <summary>The amplify-rest command tree. Each command lives in its own file and adds itself here.</summary>
internal static class AmplifyRestCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Call API Gateway REST APIs the way an Amplify app does.");
        root.Subcommands.Add(EmulatorCommand.Create(Console.In, Console.Out, Console.Error));
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
