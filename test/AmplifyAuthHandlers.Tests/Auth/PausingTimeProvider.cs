using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Auth;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that can stop one caller in the middle of its work: inside <see cref="PauseNextRead"/>
/// the next clock read of that async flow (only) signals <see cref="Paused"/> and blocks until <see cref="Resume"/>.
/// Code that reads the clock right after reading shared state thus stops between the two, so a test can run something
/// else in the gap and force an interleaving without timing. <see cref="SignalNextRead"/> only counts the next read of a
/// flow, so a test can wait until many callers have all reached that point.
/// </summary>
internal sealed class PausingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start), IDisposable
{
    private readonly AsyncLocal<bool> _pauseNextRead = new();
    private readonly ManualResetEventSlim _resume = new(false);
    private readonly AsyncLocal<CountdownEvent?> _signalNextRead = new();

    public TaskCompletionSource Paused { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Arms the pause for the calling async flow; call it at the start of the work to pause.</summary>
    public void PauseNextRead() => _pauseNextRead.Value = true;

    public void Resume() => _resume.Set();

    /// <summary>Signals <paramref name="reached"/> at the next clock read of the calling async flow (only), without stopping it.</summary>
    public void SignalNextRead(CountdownEvent reached) => _signalNextRead.Value = reached;

    public void Dispose() => _resume.Dispose();

    public override DateTimeOffset GetUtcNow()
    {
        if (_signalNextRead.Value is { } reached)
        {
            _signalNextRead.Value = null;
            reached.Signal();
        }

        if (_pauseNextRead.Value)
        {
            _pauseNextRead.Value = false;
            Paused.TrySetResult();
            _resume.Wait();
        }

        return base.GetUtcNow();
    }
}
