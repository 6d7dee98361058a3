namespace AmplifyAuthHandlers;

/// <summary>
/// Runs one piece of work at a time for any number of callers: the first starts it, the rest join it. The work
/// runs under no caller's cancellation token (a caller that gives up only stops waiting), and a failure is handed
/// to the callers waiting at the time and then forgotten, so the next caller starts afresh.
/// </summary>
internal sealed class SingleFlight<T>
{
    private Task<T>? _running;

    /// <summary>The work in flight, or <paramref name="work"/> started now.</summary>
    public Task<T> Join(Func<Task<T>> work)
    {
        var running = Volatile.Read(ref _running);
        if (running is not null)
        {
            return running;
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var winner = Interlocked.CompareExchange(ref _running, completion.Task, null);
        if (winner is not null)
        {
            return winner;
        }

        // Shared work must not carry the starting caller's ambient state (HttpContext, logging scopes, activities).
        if (ExecutionContext.IsFlowSuppressed())
        {
            _ = RunAsync(work, completion);
        }
        else
        {
            using (ExecutionContext.SuppressFlow())
            {
                _ = RunAsync(work, completion);
            }
        }

        return completion.Task;
    }

    private async Task RunAsync(Func<Task<T>> work, TaskCompletionSource<T> completion)
    {
        try
        {
            // The work runs synchronously up to its first await, so what it reads first (e.g. a generation
            // counter) is read when the flight starts, not later.
            var result = await work().ConfigureAwait(false);
            Volatile.Write(ref _running, null);
            completion.SetResult(result);
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _running, null);
            completion.SetException(ex);

            // Work started in the background may have no waiter; observe the failure so it is not reported as unobserved.
            _ = completion.Task.Exception;
        }
    }
}
