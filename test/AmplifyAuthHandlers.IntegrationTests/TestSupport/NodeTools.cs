using System.Diagnostics;

namespace AmplifyAuthHandlers.IntegrationTests.TestSupport;

/// <summary>
/// Node and npm for the tests that run a JavaScript peer (cognito-local, AWS's JS SDK): found on <c>PATH</c> or through
/// an override variable, and <c>npm ci</c> from a committed lock file on first use. A missing tool ignores the calling
/// test with a message saying what to install, instead of failing it for a reason outside the code under test.
/// </summary>
internal static class NodeTools
{
    private static readonly TimeSpan NpmCiLimit = TimeSpan.FromMinutes(5);

    /// <summary>The <c>node</c> executable (or <c>NODE_BINARY</c>); ignores the test when there is none.</summary>
    public static string RequireNode(string whatFor) =>
        FindExecutable("NODE_BINARY", "node")
        ?? Ignore($"Node.js was not found (set NODE_BINARY or put 'node' on PATH). Install Node 20+ and npm to run {whatFor}.");

    /// <summary>Runs <c>npm ci</c> in <paramref name="directory"/> (which holds a <c>package-lock.json</c>).</summary>
    public static async Task NpmCiAsync(string directory, string whatFor)
    {
        var npm = FindExecutable("NPM_BINARY", "npm")
            ?? Ignore($"'{directory}' is not installed and npm was not found. Install Node 20+ with npm (or run 'npm ci' there) to run {whatFor}.");
        var startInfo = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(NpmCiLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'npm ci' in '{directory}' did not finish within {NpmCiLimit.TotalMinutes} minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in '{directory}' failed with exit code {process.ExitCode}:{Environment.NewLine}{await output}{await error}");
        }
    }

    private static string? FindExecutable(string overrideVariable, string name)
    {
        var explicitPath = Environment.GetEnvironmentVariable(overrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd" } : [string.Empty];
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => extensions.Select(extension => Path.Combine(directory, name + extension)))
            .FirstOrDefault(File.Exists);
    }

    private static string Ignore(string reason)
    {
        Assert.Ignore(reason);
        throw new UnreachableException();
    }
}
