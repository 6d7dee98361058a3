using System.CommandLine;

namespace AmplifyAuthHandlers.Cli;

/// <summary>The amplify-rest command tree. Each command lives in its own file and adds itself here.</summary>
internal static class AmplifyRestCommandLine
{
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.CreateSystem());

    /// <summary>Runs the command line in-process over <paramref name="console"/>'s streams, environment and directories.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var debug = CliOptions.Debug();
        var root = new RootCommand("Call API Gateway REST APIs the way an Amplify app does.") { debug };
        CallCommand.AddTo(root, console, debug);
        root.Add(ConfigCommand.Create(console, debug));
        root.Add(SignOutCommand.Create(console, debug));
        root.Add(DemoCommand.Create(console, debug));
        root.Subcommands.Add(EmulatorCommand.Create(console.In, console.Out, console.Error));

        // -d @file is ours: no response files.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            await console.Error.WriteLineAsync($"amplify-rest: {parse.Errors[0].Message} (see amplify-rest --help)").ConfigureAwait(false);
            return CliExitCodes.Usage;
        }

        return await parse.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken).ConfigureAwait(false);
    }
}
