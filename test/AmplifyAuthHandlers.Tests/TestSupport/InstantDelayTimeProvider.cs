using System.Collections.Concurrent;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A clock whose timers fire at once and record the delay they were asked for: a retry's backoff is then observable
/// (<see cref="Delays"/>) without the test sleeping. Only for code whose timers are delays, not timeouts.
/// </summary>
internal sealed class InstantDelayTimeProvider : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Delays.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
