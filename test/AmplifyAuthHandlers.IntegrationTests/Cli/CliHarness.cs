using AmplifyAuthHandlers.Cli;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary>Runs amplify-rest in-process in its own working and home folders, with a chosen environment.</summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Directory.CreateTempSubdirectory("amplify-rest-test-").FullName;
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        HomeDirectory = Directory.CreateDirectory(Path.Combine(Root, "home")).FullName;
    }

    public string Root { get; }

    public string WorkingDirectory { get; }

    public string HomeDirectory { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the hidden prompt; <see langword="null"/> means stdin is redirected (no prompt).</summary>
    public Func<string, string?>? Prompt { get; set; }

    public string TokenFolder => Path.Combine(HomeDirectory, TokenFiles.FolderName);

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            CurrentDirectory = WorkingDirectory,
            HomeDirectory = HomeDirectory,
            Environment = new Dictionary<string, string>(Environment, StringComparer.Ordinal),
            IsInputRedirected = Prompt is null,
            IsOutputRedirected = true,
            ReadSecret = Prompt ?? (_ => throw new AssertionException("amplify-rest prompted although stdin is redirected")),
        };
        var exitCode = await AmplifyRestCommandLine.RunAsync(args, console);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
