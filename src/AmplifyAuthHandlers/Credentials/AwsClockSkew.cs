using System.Collections.Concurrent;

namespace AmplifyAuthHandlers;

/// <summary>
/// How far this machine's clock is from the clock of each AWS origin (scheme, host and port) that refused a
/// signature as expired or not yet current, learned from that response's <c>Date</c>. Only signing reads it,
/// and only for the origin that taught it: one host's answer never moves the time another host is signed at,
/// and never decides when credentials or tokens expire (those are judged on the local <see cref="TimeProvider"/>).
/// </summary>
/// <remarks>
/// A correction beyond <see cref="MaxCorrection"/> is refused: AWS's clocks are NTP-synchronised, so a
/// <c>Date</c> a day or more away from this machine's clock is a broken or hostile peer (or a proxy's cached
/// answer), not skew worth signing with. The number of origins is bounded by the endpoints' own origins,
/// because only requests to an endpoint's origin are signed.
/// </remarks>
internal sealed class AwsClockSkew(TimeProvider timeProvider)
{
    /// <summary>The largest correction accepted: anything further off is not a clock AWS could have.</summary>
    public static readonly TimeSpan MaxCorrection = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, TimeSpan> _byOrigin = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _refusedOrigins = new(StringComparer.OrdinalIgnoreCase);

    // Set once the first offset is learned: until then (almost always) signing skips building the origin key and
    // the dictionary lookup on every request.
    private volatile bool _anyOffset;

    /// <summary>The local clock; expiry decisions read it directly, never an origin's offset.</summary>
    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The current time as <paramref name="uri"/>'s origin sees it (the local time when it taught nothing).</summary>
    public DateTimeOffset UtcNowFor(Uri uri) => TimeProvider.GetUtcNow() + OffsetFor(uri);

    /// <summary>The offset learned from <paramref name="uri"/>'s origin, or zero.</summary>
    public TimeSpan OffsetFor(Uri uri) => _anyOffset && _byOrigin.TryGetValue(OriginOf(uri), out var offset) ? offset : TimeSpan.Zero;

    /// <summary>
    /// Remembers that <paramref name="uri"/>'s origin reads <paramref name="serverTime"/> now, unless that is more
    /// than <see cref="MaxCorrection"/> away from the local clock.
    /// </summary>
    /// <param name="uri">The request URI whose origin answered.</param>
    /// <param name="serverTime">The answer's <c>Date</c>.</param>
    /// <param name="offset">The offset between the origin's clock and the local one.</param>
    /// <param name="firstRefusal">When refused: whether this is the first refusal for this origin (warn once).</param>
    /// <returns><see langword="true"/> when the offset was recorded; <see langword="false"/> when it was out of bounds.</returns>
    public bool TryRecord(Uri uri, DateTimeOffset serverTime, out TimeSpan offset, out bool firstRefusal)
    {
        offset = serverTime - TimeProvider.GetUtcNow();
        var origin = OriginOf(uri);
        if (offset.Duration() > MaxCorrection)
        {
            firstRefusal = _refusedOrigins.TryAdd(origin, 0);
            return false;
        }

        firstRefusal = false;
        _byOrigin[origin] = offset;
        _anyOffset = true;
        return true;
    }

    /// <summary>The origin key: scheme, IDN host and port (default ports made explicit).</summary>
    public static string OriginOf(Uri uri) => $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}";
}
