using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

/// <summary>Hands out credentials named after the ID token (so a test can tell whose they are), counting exchanges.</summary>
internal sealed class FakeCallerCredentialsExchange(TimeProvider timeProvider) : ICallerCredentialsExchange
{
    private int _exchanges;

    public int Exchanges => Volatile.Read(ref _exchanges);

    /// <summary>When set, exchanges wait for it (to hold them in flight).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public Exception? Failure { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public async ValueTask<AwsCredentials> ExchangeAsync(string idToken, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _exchanges);
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        await Task.Yield();
        if (Failure is { } failure)
        {
            throw failure;
        }

        return new AwsCredentials("AKID-" + idToken, "secret-" + idToken, "session-" + idToken, timeProvider.GetUtcNow() + Lifetime);
    }
}
