using System.CommandLine;
using System.Runtime.InteropServices;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// <c>amplify-rest emulator [--json] [--out DIR] [--ignore-stdin]</c>: runs a <see cref="LocalAmplifyBackend"/> (Cognito with a demo
/// user, an API Gateway with an API key and all six APIs) on loopback, writes <c>amplifyconfiguration.json</c> and
/// <c>amplify_outputs.json</c> pointing at it, prints where everything is, and serves until stdin closes or SIGINT/SIGTERM.
/// </summary>
/// <remarks>
/// With <c>--json</c> stdout gets exactly one line, <see cref="LocalAmplifyBackend.DescribeJson"/>, which deliberately carries the
/// demo password and the API key (that is what a script starting the emulator needs). Nothing else the command writes does:
/// the human summary names where to find them instead.
/// </remarks>
internal static class EmulatorCommand
{
    /// <summary>Builds the command over the given streams (the process's console, or a test's pipes).</summary>
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print one line of JSON (region, pools, users with passwords, API key, API URLs, file paths) instead of a summary." };
        var outDirectory = new Option<DirectoryInfo?>("--out") { Description = "Write amplifyconfiguration.json and amplify_outputs.json here (default: a new temporary directory, deleted on exit).", HelpName = "DIR" };
        var ignoreStdin = new Option<bool>("--ignore-stdin") { Description = "Serve until SIGINT/SIGTERM only (for running in the background, where stdin is often /dev/null)." };
        var command = new Command("emulator", "Run a local Cognito and API Gateway (every Amplify auth mode) and write Amplify configuration files for them.")
        {
            json,
            outDirectory,
            ignoreStdin,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new EmulatorSettings(parse.GetValue(json), parse.GetValue(outDirectory)?.FullName, parse.GetValue(ignoreStdin)),
            input,
            output,
            error,
            cancellationToken));
        return command;
    }

    /// <summary>Starts the backend, writes the files, reports, serves until stdin ends or <paramref name="cancellationToken"/> or a signal, stops.</summary>
    /// <returns>0 after a clean stop; 1 when the backend could not start or the files could not be written.</returns>
    public static async Task<int> RunAsync(EmulatorSettings settings, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var signals = RegisterSignals(stop);

        var directory = settings.OutDirectory;
        var temporary = directory is null;
        directory ??= Directory.CreateTempSubdirectory("amplify-emulator-").FullName;
        var started = TimeProvider.System.GetTimestamp();
        LocalAmplifyBackend backend;
        try
        {
            backend = await LocalAmplifyBackend.StartAsync(cancellationToken: stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Cleanup(directory, temporary);
            return 0;
        }
        catch (Exception exception) when (exception is IOException or InvalidOperationException or ArgumentException)
        {
            await error.WriteLineAsync($"amplify-rest emulator: could not start: {exception.Message}").ConfigureAwait(false);
            Cleanup(directory, temporary);
            return 1;
        }

        await using (backend.ConfigureAwait(false))
        {
            try
            {
                backend.WriteAmplifyConfiguration(Path.Combine(directory, "amplifyconfiguration.json"));
                backend.WriteAmplifyOutputs(Path.Combine(directory, "amplify_outputs.json"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"amplify-rest emulator: could not write the configuration files in '{directory}': {exception.Message}").ConfigureAwait(false);
                Cleanup(directory, temporary);
                return 1;
            }

            if (settings.Json)
            {
                await output.WriteLineAsync(backend.DescribeJson()).ConfigureAwait(false);
            }
            else
            {
                await WriteSummaryAsync(backend, output, TimeProvider.System.GetElapsedTime(started), settings.IgnoreStdin).ConfigureAwait(false);
            }

            await output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await WaitForStopAsync(input, settings.IgnoreStdin, stop.Token).ConfigureAwait(false);
        }

        Cleanup(directory, temporary);
        if (!settings.Json)
        {
            await error.WriteLineAsync("amplify-rest emulator: stopped.").ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task WriteSummaryAsync(LocalAmplifyBackend backend, TextWriter output, TimeSpan startup, bool ignoreStdin)
    {
        var cognito = backend.Cognito;
        var lines = new List<string>
        {
            $"Local Amplify backend on loopback (started in {startup.TotalMilliseconds:0} ms), region {backend.Region}:",
            $"  Cognito (user pool + identity pool)  {cognito.BaseAddress}",
            $"    user pool {cognito.UserPoolId}, app client {cognito.DefaultClient.ClientId}",
            $"    identity pool {cognito.IdentityPoolId}",
            $"    users: {string.Join(", ", backend.Users.Select(u => u.Username))} (passwords: run with --json)",
            "  REST APIs (endpoint name in the files: authorizationType  URL):",
        };
        foreach (var (authorizationType, name) in LocalAmplifyEndpointNames.ByAuthorizationType)
        {
            lines.Add($"    {name,-10} {authorizationType,-26} {backend.Apis[authorizationType]}");
        }

        lines.Add($"  Gen1: {backend.AmplifyConfigurationPath}");
        lines.Add($"  Gen2: {backend.AmplifyOutputsPath}");
        lines.Add("  The API key is in the Gen1 file (apiKey endpoint) and in --json.");
        lines.Add(ignoreStdin ? "Serving until Ctrl+C / SIGTERM." : "Serving until stdin closes (Ctrl+D), Ctrl+C or SIGTERM.");
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static async Task WaitForStopAsync(TextReader input, bool ignoreStdin, CancellationToken stop)
    {
        var stopped = Task.Delay(Timeout.Infinite, stop);
        // A blocking read on its own thread: console streams have no cancellable read. It ends at EOF; when a signal stops
        // the command instead, the thread is still blocked, and the process exits around it.
        var inputClosed = ignoreStdin
            ? Task.Delay(Timeout.Infinite, CancellationToken.None)
            : Task.Factory.StartNew(() => Drain(input), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Task.WhenAny(stopped, inputClosed).ConfigureAwait(false);
    }

    private static void Drain(TextReader input)
    {
        while (input.ReadLine() is not null)
        {
        }
    }

    /// <summary>SIGINT and SIGTERM stop the command (and not the process at once), so the servers are disposed and the exit code is 0.</summary>
    private static Registrations RegisterSignals(CancellationTokenSource stop)
    {
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        if (OperatingSystem.IsAndroid() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsBrowser())
        {
            return new Registrations([]);
        }

        return new Registrations([PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)]);
    }

    private static void Cleanup(string directory, bool temporary)
    {
        if (!temporary)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory someone still has open stays behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class Registrations(IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}

/// <summary>The emulator command's options.</summary>
/// <param name="Json">Print one JSON line instead of a summary.</param>
/// <param name="OutDirectory">Where to write the files, or <see langword="null"/> for a temporary directory deleted on exit.</param>
/// <param name="IgnoreStdin">Serve until a signal only.</param>
internal sealed record EmulatorSettings(bool Json, string? OutDirectory, bool IgnoreStdin);
