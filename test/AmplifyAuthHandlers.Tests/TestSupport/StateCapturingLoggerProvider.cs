using System.Collections;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
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
        [.. _states.Select(entry =>
        {
            var text = new StringBuilder(entry.Category).Append(": ");
            Append(text, entry.State, depth: 0);
            return text.ToString();
        })];

    public void Dispose()
    {
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
            case HttpRequestMessage request:
                text.Append(request.RequestUri).Append(' ');
                Append(text, request.Headers, depth + 1);
                Append(text, request.Content?.Headers, depth + 1);
                return;
            case HttpHeaders headers:
                foreach (var (name, values) in headers.NonValidated)
                {
                    text.Append(name).Append(": ");
                    foreach (var item in values)
                    {
                        text.Append(item).Append(' ');
                    }
                }

                return;
            case KeyValuePair<string, object?> pair:
                text.Append(pair.Key).Append('=');
                Append(text, pair.Value, depth + 1);
                return;
            case KeyValuePair<string, IEnumerable<string>> header:
                text.Append(header.Key).Append('=');
                Append(text, header.Value, depth + 1);
                return;
            case IEnumerable sequence when depth < 6:
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
