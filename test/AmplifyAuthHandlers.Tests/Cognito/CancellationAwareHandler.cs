namespace AmplifyAuthHandlers.Tests.Cognito;

/// <summary>
/// A handler that never answers: it signals <see cref="Started"/> and waits for the request's cancellation, the way a
/// real socket does (MockHttp's responders cannot observe the token).
/// </summary>
internal sealed class CancellationAwareHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
