using System.Collections;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Records every log call at every level as text: the formatted message and every structured state and scope
/// value, sequences spelled out item by item (HttpClientFactory's header state holds raw values whose
/// <c>ToString</c> redacts), so a secret anywhere in a record shows up in <see cref="Records"/>.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Records);

    public void Dispose()
    {
    }

    private static string Serialize(object? state)
    {
        var text = new StringBuilder();
        Append(text, state, depth: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s).Append(' ');
                return;
            case KeyValuePair<string, object?> pair:
                text.Append(pair.Key).Append('=');
                Append(text, pair.Value, depth + 1);
                return;
            case IEnumerable sequence when depth < 4:
                foreach (var item in sequence)
                {
                    Append(text, item, depth + 1);
                }

                text.Append(value).Append(' ');
                return;
            default:
                text.Append(value).Append(' ');
                return;
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> records) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            records.Enqueue($"{category} scope: {Serialize(state)}");
            return NullScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} | {Serialize(state)} {exception}");
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();

        public void Dispose()
        {
        }
    }
}
