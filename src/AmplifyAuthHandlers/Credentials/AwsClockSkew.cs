using System.Collections.Concurrent;

namespace AmplifyAuthHandlers;

/// <summary>
/// How far this machine's clock is from AWS's, learned from the <c>Date</c> of responses that refused a
/// signature as expired or not yet valid. Signing uses the offset of the request's host; credential expiry
/// decisions use the last offset learned from any host.
/// </summary>
internal sealed class AwsClockSkew(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, TimeSpan> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private long _lastOffsetTicks;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The current time corrected by the last offset learned from any host.</summary>
    public DateTimeOffset CorrectedUtcNow => TimeProvider.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _lastOffsetTicks));

    /// <summary>The current time as the given host sees it.</summary>
    public DateTimeOffset UtcNowFor(string host) =>
        TimeProvider.GetUtcNow() + (_byHost.TryGetValue(host, out var offset) ? offset : TimeSpan.Zero);

    public TimeSpan OffsetFor(string host) => _byHost.TryGetValue(host, out var offset) ? offset : TimeSpan.Zero;

    /// <summary>Remembers that <paramref name="host"/>'s clock reads <paramref name="serverTime"/> now.</summary>
    public TimeSpan Record(string host, DateTimeOffset serverTime)
    {
        var offset = serverTime - TimeProvider.GetUtcNow();
        _byHost[host] = offset;
        Interlocked.Exchange(ref _lastOffsetTicks, offset.Ticks);
        return offset;
    }
}
