namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Counts callers that have arrived where a test holds them (e.g. joined a refresh that waits on a gate), so the test
/// opens its gate only once every caller is inside, on a fast machine or a slow one. The guard on the wait only turns
/// a caller that never arrives into a failure instead of a stuck run.
/// </summary>
internal sealed class Arrivals(int expected)
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Arrive()
    {
        if (Interlocked.Increment(ref _count) == expected)
        {
            _all.TrySetResult();
        }
    }

    /// <summary>Completes once <c>expected</c> callers have arrived.</summary>
    public Task AllAsync() => _all.Task.WaitAsync(Guard);

    /// <summary>
    /// Starts <paramref name="callers"/> calls of <paramref name="call"/> on the thread pool; each counts as arrived once
    /// its call has returned a task that is still running (it is waiting inside, not done or still on its way in).
    /// </summary>
    public static (Task<T>[] Calls, Arrivals Arrivals) Start<T>(int callers, Func<Task<T>> call)
    {
        var arrivals = new Arrivals(callers);
        var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(() =>
        {
            var pending = call();
            arrivals.Arrive();
            return pending;
        })).ToArray();
        return (calls, arrivals);
    }
}
