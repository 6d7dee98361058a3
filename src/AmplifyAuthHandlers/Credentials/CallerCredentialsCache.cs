using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Credentials per caller, keyed by the SHA-256 of the caller's ID token (the token itself is never a key). Concurrent
/// requests of one caller share one exchange; credentials are replaced <see cref="RefreshMargin"/> before they expire,
/// credentials without an expiration are not kept, nor are they served after the ID token's own <c>exp</c> (the
/// identity pool decides anew). A failed exchange is remembered for <see cref="FailureLifetime"/>, so a caller whose
/// token the identity pool refused (or a throttled pool) is not sent to Cognito again on every request.
/// </summary>
/// <remarks>
/// Bounded in two parts so that tokens nobody has vouched for cannot push out real callers: a token starts on
/// probation (at most <see cref="ProbationCapacity"/>, least recently used evicted first) while it is exchanged and
/// after a failure; only a successful exchange moves it among the verified callers (at most <see cref="Capacity"/>,
/// least recently used evicted first). A flood of junk tokens thus only ever evicts other unverified tokens. A pending
/// exchange that is evicted still completes for the requests waiting on it; its result is just not kept.
/// </remarks>
internal sealed class CallerCredentialsCache(TimeProvider timeProvider, int capacity = CallerCredentialsCache.DefaultCapacity)
{
    public const int DefaultCapacity = 1024;

    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed exchange is answered from the cache: long enough to absorb a burst, short enough for a retry to be fresh.</summary>
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(10);

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _verified = new();
    private readonly LinkedList<Entry> _probation = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The cache must hold at least one caller.");

    /// <summary>How many unverified tokens (exchanges in flight, recent failures) are kept at most.</summary>
    public int ProbationCapacity => Math.Max(1, Capacity / 4);

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
                var list = node.List!;
                list.Remove(node);
                list.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                if (node is not null)
                {
                    Remove(node);
                }

                entry = new Entry(key, ReadExpiration(idToken));
                _entries[key] = _probation.AddFirst(entry);
                owner = true;
                Trim(_probation, ProbationCapacity);
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
        AwsCredentials credentials;
        try
        {
            credentials = await exchange.ExchangeAsync(idToken, CancellationToken.None).ConfigureAwait(false)
                ?? throw new AmplifyAuthException("The identity-pool exchange of a caller's ID token returned no credentials.");
        }
        catch (Exception ex)
        {
            // Stays on probation, remembered briefly: the same token's next requests get this answer without a Cognito call.
            entry.MarkFailed(timeProvider.GetUtcNow());
            entry.Completion.SetException(ex);

            // Every waiter may have given up; observe the failure so it is not reported as unobserved.
            _ = entry.Completion.Task.Exception;
            return;
        }

        lock (_gate)
        {
            // Verified: from probation to the callers only another verified caller can evict.
            if (_entries.TryGetValue(entry.Key, out var node) && ReferenceEquals(node.Value, entry) && node.List == _probation)
            {
                _probation.Remove(node);
                _verified.AddFirst(node);
                Trim(_verified, Capacity);
            }
        }

        entry.Completion.SetResult(credentials);
    }

    private bool IsUsable(Entry entry)
    {
        var task = entry.Completion.Task;
        if (!task.IsCompleted)
        {
            return true;
        }

        var now = timeProvider.GetUtcNow();
        if (!task.IsCompletedSuccessfully)
        {
            return entry.FailedAt is { } failedAt && now < failedAt + FailureLifetime;
        }

        return task.Result.Expiration is { } expiration
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

    private void Trim(LinkedList<Entry> list, int limit)
    {
        while (list.Count > limit && list.Last is { } oldest)
        {
            Remove(oldest);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        node.List!.Remove(node);
    }

    private sealed class Entry(string key, DateTimeOffset? tokenExpiresAt)
    {
        private long _failedAtTicks = -1;

        public string Key { get; } = key;

        public DateTimeOffset? TokenExpiresAt { get; } = tokenExpiresAt;

        /// <summary>When the exchange failed (UTC), set by <see cref="MarkFailed"/> before the failure is published; <see langword="null"/> otherwise.</summary>
        public DateTimeOffset? FailedAt => Interlocked.Read(ref _failedAtTicks) is var ticks and >= 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

        public TaskCompletionSource<AwsCredentials> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Records when the exchange failed; a failure is never undone (a retry is a new entry).</summary>
        public void MarkFailed(DateTimeOffset at) => Interlocked.Exchange(ref _failedAtTicks, at.UtcTicks);
    }
}
