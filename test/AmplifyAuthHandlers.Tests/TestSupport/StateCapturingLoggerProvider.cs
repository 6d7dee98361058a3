using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Keeps every log call's state object (and every scope's) as it was handed over, and spells out their values only
/// when <see cref="SerializeStates"/> is called, after the request completed: HttpClientFactory's header state reads
/// the message's live header collection when it is first enumerated, so a provider that formats late sees whatever
/// the headers hold by then. Header collections are enumerated raw (their <c>ToString</c> may redact).
/// </summary>
internal sealed class StateCapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, object? State)> _states = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _states);

    /// <summary>Every captured state, serialized now, one string per log call or scope.</summary>
    public List<string> SerializeStates() =>
        [.. _states.Select(entry => LogStateText.Append(new StringBuilder(entry.Category).Append(": "), entry.State).ToString())];

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string Category, object? State)> states) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            states.Enqueue((category + " scope", state));
            return NullScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            states.Enqueue((category, state));
            if (exception is not null)
            {
                states.Enqueue((category + " exception", exception.ToString()));
            }
        }
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();

        public void Dispose()
        {
        }
    }
}
