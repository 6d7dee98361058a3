using System.Runtime.CompilerServices;

namespace AmplifyAuthHandlers;

/// <summary>
/// What an endpoint client's primary handler does with redirects, and what the user asked of it. The library
/// takes redirects over from the primary handler (see <see cref="RedirectHandler"/>): it turns
/// <c>AllowAutoRedirect</c> off on the <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> it finds,
/// directly or under any number of <see cref="DelegatingHandler"/>s, and remembers whether the user wanted
/// redirects followed and how many.
/// </summary>
internal sealed class RedirectPolicy
{
    /// <summary>At most this many <see cref="DelegatingHandler"/>s are walked looking for the socket handler (a cycle must not hang).</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// Handlers whose <c>AllowAutoRedirect</c> this library turned off, with the user's original wish: a factory that
    /// returns the same primary instance on every handler rotation must keep following same-origin redirects.
    /// </summary>
    private static readonly ConditionalWeakTable<HttpMessageHandler, StrongBox<bool>> TurnedOff = [];

    private RedirectPolicy(bool followSameOrigin, int maxRedirects, bool primaryFollowsRedirects, bool knownShape)
    {
        FollowSameOrigin = followSameOrigin;
        MaxRedirects = maxRedirects;
        PrimaryFollowsRedirects = primaryFollowsRedirects;
        KnownShape = knownShape;
    }

    /// <summary>The user's primary handler had automatic redirects on: redirects within the endpoint's origin are followed.</summary>
    public bool FollowSameOrigin { get; }

    /// <summary>The primary handler's <c>MaxAutomaticRedirections</c> (50 unless the user changed it).</summary>
    public int MaxRedirects { get; }

    /// <summary>
    /// The primary handler still follows redirects itself (they could not be turned off: it had sent before): what it
    /// follows never reaches the chain's checks.
    /// </summary>
    public bool PrimaryFollowsRedirects { get; }

    /// <summary>A <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> was found; false for any other primary handler.</summary>
    public bool KnownShape { get; }

    /// <summary>
    /// Turns automatic redirects off on <paramref name="primary"/>'s socket handler, if it has one the library knows,
    /// and returns what the user had asked for. A handler that already started sending cannot be changed: then
    /// <see cref="PrimaryFollowsRedirects"/> says so and the caller refuses to send through it.
    /// </summary>
    public static RedirectPolicy TakeOver(HttpMessageHandler primary)
    {
        switch (FindSocketHandler(primary))
        {
            case SocketsHttpHandler sockets:
                return TakeOver(sockets, sockets.AllowAutoRedirect, sockets.MaxAutomaticRedirections, () => sockets.AllowAutoRedirect = false);
            case HttpClientHandler client:
                return TakeOver(client, client.AllowAutoRedirect, client.MaxAutomaticRedirections, () => client.AllowAutoRedirect = false);
            default:
                // A handler of its own kind: whether it follows redirects is its own business (documented).
                return new RedirectPolicy(followSameOrigin: false, maxRedirects: 0, primaryFollowsRedirects: false, knownShape: false);
        }
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> at the bottom of
    /// <paramref name="handler"/>'s <see cref="DelegatingHandler.InnerHandler"/> chain; null for any other shape.
    /// </summary>
    public static HttpMessageHandler? FindSocketHandler(HttpMessageHandler? handler)
    {
        for (var depth = 0; handler is not null && depth < MaxDepth; depth++)
        {
            switch (handler)
            {
                case SocketsHttpHandler or HttpClientHandler:
                    return handler;
                case DelegatingHandler delegating:
                    handler = delegating.InnerHandler;
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    private static RedirectPolicy TakeOver(HttpMessageHandler handler, bool allowAutoRedirect, int maxRedirects, Action turnOff)
    {
        if (!allowAutoRedirect)
        {
            // Off already: by this library on an earlier handler rotation (then the user's wish is remembered), or by the user.
            var wanted = TurnedOff.TryGetValue(handler, out var original) && original.Value;
            return new RedirectPolicy(wanted, maxRedirects, primaryFollowsRedirects: false, knownShape: true);
        }

        try
        {
            turnOff();
        }
        catch (InvalidOperationException)
        {
            // The handler has sent before (a shared instance), so its settings are frozen with redirects on.
            return new RedirectPolicy(followSameOrigin: false, maxRedirects, primaryFollowsRedirects: true, knownShape: true);
        }

        TurnedOff.AddOrUpdate(handler, new StrongBox<bool>(true));
        return new RedirectPolicy(followSameOrigin: true, maxRedirects, primaryFollowsRedirects: false, knownShape: true);
    }
}
