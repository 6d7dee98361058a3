using System.Collections.Concurrent;
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

    private sealed class Logger(string category, ConcurrentQueue<string> records) : ILogger
    {
        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            records.Enqueue($"{category} scope: {LogStateText.Of(state)}");
            return NullScope.Instance;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue($"{category} [{logLevel}] {formatter(state, exception)} | {LogStateText.Of(state)} {exception}");
    }

    private sealed class NullScope : IDisposable
    {
        public static readonly NullScope Instance = new();

        public void Dispose()
        {
        }
    }
}
