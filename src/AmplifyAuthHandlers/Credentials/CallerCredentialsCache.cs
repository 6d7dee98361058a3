using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Credentials per caller, keyed by the SHA-256 of the caller's ID token (the token itself is never a key), bounded
/// to <see cref="Capacity"/> callers with the least recently used evicted first. Concurrent requests of one caller
/// share one exchange; a failed exchange is not cached; credentials are replaced <see cref="RefreshMargin"/> before
/// they expire, and credentials without an expiration are not kept. Nor are they served after the ID token's own
/// <c>exp</c>: a caller whose token expired gets no credentials from the cache (the identity pool decides anew).
/// </summary>
internal sealed class CallerCredentialsCache(TimeProvider timeProvider, int capacity = CallerCredentialsCache.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _recency = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The cache must hold at least one caller.");

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public async ValueTask<AwsCredentials> GetOrAddAsync(string idToken, ICallerCredentialsExchange exchange, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idToken);
        ArgumentNullException.ThrowIfNull(exchange);
        var key = KeyOf(idToken);
        Entry entry;
        var owner = false;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node) && IsUsable(node.Value))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                if (node is not null)
                {
                    Remove(node);
                }

                entry = new Entry(key, ReadExpiration(idToken));
                _entries[key] = _recency.AddFirst(entry);
                owner = true;
                while (_entries.Count > Capacity && _recency.Last is { } oldest)
                {
                    Remove(oldest);
                }
            }
        }

        if (owner)
        {
            // Not the first caller's token: a cancelled request must not fail the others waiting for this exchange.
            _ = RunExchangeAsync(entry, idToken, exchange);
        }

        return await entry.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cache key of a token: its SHA-256, hex-encoded. Equal tokens, equal keys; the key does not reveal the token.</summary>
    internal static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task RunExchangeAsync(Entry entry, string idToken, ICallerCredentialsExchange exchange)
    {
        try
        {
            var credentials = await exchange.ExchangeAsync(idToken, CancellationToken.None).ConfigureAwait(false)
                ?? throw new AmplifyAuthException("The identity-pool exchange of a caller's ID token returned no credentials.");
            entry.Completion.SetResult(credentials);
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry))
                {
                    Remove(node);
                }
            }

            entry.Completion.SetException(ex);

            // Every waiter may have given up; observe the failure so it is not reported as unobserved.
            _ = entry.Completion.Task.Exception;
        }
    }

    private bool IsUsable(Entry entry)
    {
        var task = entry.Completion.Task;
        if (!task.IsCompleted)
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        return task.IsCompletedSuccessfully
            && task.Result.Expiration is { } expiration
            && now < expiration - RefreshMargin
            && (entry.TokenExpiresAt is not { } tokenExpiresAt || now < tokenExpiresAt);
    }

    /// <summary>The ID token's <c>exp</c>, read without validation (the identity pool validates); null when it is not a JWT.</summary>
    private static DateTimeOffset? ReadExpiration(string idToken)
    {
        try
        {
            return JwtTokenReader.ReadExpiration(idToken);
        }
        catch (JwtFormatException)
        {
            return null;
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _recency.Remove(node);
    }

    private sealed class Entry(string key, DateTimeOffset? tokenExpiresAt)
    {
        public string Key { get; } = key;

        public DateTimeOffset? TokenExpiresAt { get; } = tokenExpiresAt;

        public TaskCompletionSource<AwsCredentials> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
