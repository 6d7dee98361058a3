using System.Text;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// What a command may touch outside itself: its streams, environment, working and home directories, and the
/// terminal's hidden prompt. <see cref="System"/> is the real process; tests build one over string writers.
/// </summary>
internal sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Gets a value indicating whether stdin is not a terminal (then no prompt is shown).</summary>
    public bool IsInputRedirected { get; init; } = true;

    /// <summary>Gets a value indicating whether stdout is not a terminal (then no colour).</summary>
    public bool IsOutputRedirected { get; init; } = true;

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required string CurrentDirectory { get; init; }

    public required string HomeDirectory { get; init; }

    /// <summary>Gets the hidden prompt: shows the text on stderr and reads a line without echoing it.</summary>
    public Func<string, string?> ReadSecret { get; init; } = _ => null;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets a value indicating whether output may use ANSI colour: a terminal, and neither NO_COLOR nor TERM=dumb.</summary>
    public bool UseColor =>
        !IsOutputRedirected
        && !Environment.ContainsKey("NO_COLOR")
        && !(Environment.TryGetValue("TERM", out var term) && term == "dumb");

    public string? GetEnvironmentVariable(string name) =>
        Environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Resolves <paramref name="path"/> against <see cref="CurrentDirectory"/>, expanding a leading <c>~/</c>.</summary>
    public string FullPath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Path.Combine(HomeDirectory, path.Length > 2 ? path[2..] : string.Empty);
        }

        return Path.GetFullPath(path, CurrentDirectory);
    }

    public static CliConsole CreateSystem()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in global::System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return new CliConsole
        {
            Out = Console.Out,
            Error = Console.Error,
            In = Console.In,
            IsInputRedirected = Console.IsInputRedirected,
            IsOutputRedirected = Console.IsOutputRedirected,
            Environment = environment,
            CurrentDirectory = global::System.Environment.CurrentDirectory,
            HomeDirectory = global::System.Environment.GetFolderPath(global::System.Environment.SpecialFolder.UserProfile),
            ReadSecret = ReadHiddenLine,
        };
    }

    private static string? ReadHiddenLine(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }

                continue;
            }

            if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
