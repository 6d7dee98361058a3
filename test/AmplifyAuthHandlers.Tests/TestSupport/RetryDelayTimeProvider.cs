using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created on it, so a test can let a retry's delay
/// pass (<see cref="CompleteAsync{T}"/>) without sleeping and without guessing the jittered delay. Timers longer than
/// <see cref="MaxDelay"/> (the attempt and total timeouts) are never advanced by it.
/// </summary>
internal sealed class RetryDelayTimeProvider : TimeProvider
{
    /// <summary>The longest delay taken for a retry's backoff rather than a timeout.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private readonly Channel<TimeSpan> _created = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The retry delays let pass so far, in order.</summary>
    public ConcurrentQueue<TimeSpan> DelaysPassed { get; } = new();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits for <paramref name="task"/>, advancing the fake clock past every retry delay it schedules meanwhile.</summary>
    public async Task<T> CompleteAsync<T>(Task<T> task)
    {
        // A watchdog, not a gate: it only turns a hang into a failure with a message.
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!task.IsCompleted)
        {
            var next = _created.Reader.WaitToReadAsync(watchdog.Token).AsTask();
            await Task.WhenAny(task, next);
            if (task.IsCompleted)
            {
                break;
            }

            if (next.IsCanceled)
            {
                Assert.Fail("The request neither completed nor scheduled a timer within 30 s.");
            }

            while (_created.Reader.TryRead(out var due))
            {
                if (due > TimeSpan.Zero && due <= MaxDelay)
                {
                    DelaysPassed.Enqueue(due);
                    Fake.Advance(due);
                }
            }
        }

        return await task;
    }

    /// <summary>Waits until a timer of exactly <paramref name="dueTime"/> was created (e.g. a delay from Retry-After), without advancing.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var watchdog = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _created.Reader.ReadAsync(watchdog.Token) != dueTime)
        {
        }
    }
}
