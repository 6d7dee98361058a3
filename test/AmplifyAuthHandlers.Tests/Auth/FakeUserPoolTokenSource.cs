using System.Collections.Concurrent;

namespace AmplifyAuthHandlers.Tests.Auth;

/// <summary>A user-pool session whose tokens the test sets; a forced refresh switches to <see cref="Refreshed"/>.</summary>
internal sealed class FakeUserPoolTokenSource : IUserPoolTokenSource
{
    public UserPoolTokens? Current { get; set; }

    /// <summary>What a forced refresh returns (and keeps); null leaves <see cref="Current"/> as it is.</summary>
    public UserPoolTokens? Refreshed { get; set; }

    public Exception? RefreshFailure { get; set; }

    public ConcurrentQueue<bool> Calls { get; } = new();

    public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        Calls.Enqueue(forceRefresh);
        if (forceRefresh)
        {
            if (RefreshFailure is { } failure)
            {
                throw failure;
            }

            Current = Refreshed ?? Current;
        }

        return ValueTask.FromResult(Current);
    }
}
