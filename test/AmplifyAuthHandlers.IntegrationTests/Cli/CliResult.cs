namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary>What one in-process run of amplify-rest returned and printed.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}
