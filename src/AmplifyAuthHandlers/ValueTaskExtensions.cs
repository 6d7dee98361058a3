namespace AmplifyAuthHandlers;

/// <summary>
/// Awaiting user code (credentials, token, header and logins providers, token stores) with the request's token:
/// a provider that ignores its <see cref="CancellationToken"/> must not keep a request pending past
/// <c>HttpClient.Timeout</c> or the caller's cancellation.
/// </summary>
internal static class ValueTaskExtensions
{
    /// <summary>
    /// Completes when <paramref name="task"/> does or when <paramref name="cancellationToken"/> is cancelled, whichever
    /// is first. A task that already completed (the cached, hot path) is returned as it is, without allocating.
    /// </summary>
    public static ValueTask<T> WaitAsync<T>(this ValueTask<T> task, CancellationToken cancellationToken) =>
        task.IsCompleted || !cancellationToken.CanBeCanceled ? task : new ValueTask<T>(task.AsTask().WaitAsync(cancellationToken));
}
