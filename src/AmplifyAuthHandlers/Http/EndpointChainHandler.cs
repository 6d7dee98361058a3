using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Sits directly above a client's primary handler and runs, for each request, the <see cref="AmplifyHandlerChain"/>
/// of the endpoint the client calls <em>now</em>: the endpoint is looked up in the current catalog on every
/// request, so an endpoint added or changed by a configuration reload is sent with its own key, token or
/// signature from its first request. Being the primary handler as HttpClientFactory sees it, everything the
/// factory, filters and the user add (logging included) stays outside the chain and never sees a secret.
/// </summary>
/// <remarks>
/// <para>Redirects: for a client that is an endpoint's, automatic redirects are turned off on the primary handler
/// (found under any <see cref="DelegatingHandler"/>s) and <see cref="RedirectHandler"/> follows them instead, within
/// the endpoint's origin only; see <see cref="RedirectPolicy"/>.</para>
/// A client bound to an endpoint (the endpoint's own named client, or <c>AddAmplifyAuthorization</c>) whose
/// endpoint is gone, or whose configuration no longer validates, gets <see cref="AmplifyConfigurationException"/>
/// and nothing is sent. A client whose name is no endpoint passes through untouched.
/// </remarks>
internal sealed class EndpointChainHandler : DelegatingHandler
{
    /// <summary>How many former addresses of a moved endpoint are remembered, to explain requests still built against them.</summary>
    private const int FormerAddressesKept = 4;

    private readonly string _clientName;
    private readonly AmplifyServiceRegistry _registry;
    private readonly AmplifyEndpointCatalog _catalog;
    private readonly AmplifyHandlerChain _chains;
    private readonly HttpMessageHandler _primaryHandler;
    private readonly HttpMessageInvoker _primary;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Lock _redirectGate = new();

    /// <summary>The policy the redirects were taken over with; null while the client is no endpoint (its primary handler left as the user configured it).</summary>
    private volatile RedirectPolicy? _redirects;
    private volatile Chain? _current;
    private volatile bool _servedAnEndpoint;
    private volatile Uri[] _formerAddresses = [];

    /// <summary>Wraps <paramref name="primary"/>; builds the endpoint's chain now when the client has one, so configuration errors surface at <c>CreateClient</c>.</summary>
    public EndpointChainHandler(string clientName, HttpMessageHandler primary, AmplifyServiceRegistry registry, AmplifyEndpointCatalog catalog, AmplifyHandlerChain chains, ILoggerFactory loggerFactory)
        : base(primary)
    {
        _clientName = clientName;
        _registry = registry;
        _catalog = catalog;
        _chains = chains;
        _primaryHandler = primary;
        _loggerFactory = loggerFactory;
        _primary = new HttpMessageInvoker(primary, disposeHandler: false);
        if (Resolve() is { } endpoint)
        {
            // For every endpoint, credentialed or not: a caller's own key or cookie must not follow a redirect elsewhere.
            var redirects = RedirectPolicy.TakeOver(primary);
            _redirects = redirects;
            _current = NewChain(endpoint, redirects);
        }

        // Not an endpoint (yet): an unrelated client keeps its primary handler as the user configured it, until an
        // endpoint request (after a reload) takes redirects over in RedirectsFor.
    }

    /// <summary>The handlers of the chain built last, outermost first (for tests that lock the order).</summary>
    internal IReadOnlyList<DelegatingHandler> CurrentHandlers => _current?.Handlers ?? [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Resolve() is not { } endpoint)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var redirects = RedirectsFor();
        if (redirects.PrimaryFollowsRedirects)
        {
            throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}': the primary handler of HttpClient '{_clientName}' follows redirects itself and had already sent requests, so they could not be turned off; a redirect could carry the request's key, token, signature or your own headers to another origin, so the request was not sent. HttpClientFactory builds a new handler within its HandlerLifetime (2 minutes by default); don't share one started primary handler between clients."]);
        }

        var chain = _current;
        if (chain is null || !ReferenceEquals(chain.Endpoint, endpoint))
        {
            if (chain is not null && !endpoint.IsSameOrigin(chain.Endpoint.BaseAddress))
            {
                RememberFormerAddress(chain.Endpoint.BaseAddress);
            }

            chain = NewChain(endpoint, redirects);
            _current = chain;
        }

        if (request.RequestUri is { IsAbsoluteUri: true } uri && !endpoint.IsSameOrigin(uri) && !endpoint.AllowCrossOriginRequests)
        {
            ThrowIfSentToFormerAddress(endpoint, uri);
        }

        return chain.Invoker.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// Not a cross-origin attempt but a request built against the endpoint's old address (a client's BaseAddress is
    /// fixed when the client is created): say so, instead of the cross-origin refusal it would otherwise get.
    /// </summary>
    private void ThrowIfSentToFormerAddress(AmplifyEndpoint endpoint, Uri uri)
    {
        if (Array.Find(_formerAddresses, former => string.Equals(AmplifyEndpoint.OriginOf(former), AmplifyEndpoint.OriginOf(uri), StringComparison.OrdinalIgnoreCase)) is { } moved)
        {
            throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}' moved from {AmplifyEndpoint.OriginOf(moved)} to {AmplifyEndpoint.OriginOf(endpoint.BaseAddress)} (configuration reload), and this request still goes to the old address, so it was not sent. A client's BaseAddress is set when it is created: create a new client (IHttpClientFactory.CreateClient(\"{_clientName}\") or the typed client) or call through IAmplifyRestApi, which use the new address."]);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _current?.Invoker.Dispose();
            _primary.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>The endpoint this client calls now; null when the client is none of Amplify's.</summary>
    private AmplifyEndpoint? Resolve()
    {
        if (_registry.TryGetEndpointName(_clientName, out var endpointName))
        {
            return _catalog.Get(endpointName);
        }

        if (_catalog.TryFind(_clientName, out var endpoint))
        {
            _servedAnEndpoint = true;
            return endpoint;
        }

        // Once an endpoint of this name was served, its removal (or an invalid reload) must not turn the
        // client into one that sends without authorization: Get throws the catalog's typed error.
        return _servedAnEndpoint ? _catalog.Get(_clientName) : null;
    }

    /// <summary>
    /// The redirect policy for endpoint requests. A client that was no endpoint when its handler was built (the endpoint
    /// came with a reload) takes redirects over on its first endpoint request; that fails only when its primary handler
    /// has sent before, and then <see cref="RedirectPolicy.PrimaryFollowsRedirects"/> stays true.
    /// </summary>
    private RedirectPolicy RedirectsFor()
    {
        if (_redirects is { } redirects)
        {
            return redirects;
        }

        lock (_redirectGate)
        {
            return _redirects ??= RedirectPolicy.TakeOver(_primaryHandler);
        }
    }

    private void RememberFormerAddress(Uri address)
    {
        var former = _formerAddresses;
        _formerAddresses = [address, .. former.Take(FormerAddressesKept - 1)];
    }

    private Chain NewChain(AmplifyEndpoint endpoint, RedirectPolicy redirects) =>
        new(endpoint, new RedirectHandler(endpoint, redirects, _loggerFactory.CreateLogger<RedirectHandler>()), _chains.Create(endpoint), _primary);

    /// <summary>Turns auto-redirect off on the socket handler of <paramref name="primary"/>, under any delegating handlers (Amplify's own Cognito and STS clients).</summary>
    internal static void DisableAutoRedirect(HttpMessageHandler primary) => _ = RedirectPolicy.TakeOver(primary);

    /// <summary>One endpoint's handlers, linked, ending at the primary handler (which the chain never disposes).</summary>
    private sealed class Chain
    {
        public Chain(AmplifyEndpoint endpoint, RedirectHandler redirects, DelegatingHandler[] handlers, HttpMessageInvoker primary)
        {
            Endpoint = endpoint;
            Handlers = [redirects, .. handlers];
            HttpMessageHandler inner = new PrimaryForwarder(primary, endpoint);
            for (var i = Handlers.Length - 1; i >= 0; i--)
            {
                Handlers[i].InnerHandler = inner;
                inner = Handlers[i];
            }

            Invoker = new HttpMessageInvoker(inner, disposeHandler: true);
        }

        public AmplifyEndpoint Endpoint { get; }

        public DelegatingHandler[] Handlers { get; }

        public HttpMessageInvoker Invoker { get; }
    }

    /// <summary>
    /// The end of a chain: hands the request to the primary handler without owning it, counts 401/403 answers, and names
    /// the endpoint and host in a transport failure (still an <see cref="HttpRequestException"/> with the same
    /// <see cref="HttpRequestException.HttpRequestError"/> and status, the original inside, so retry predicates keep working).
    /// </summary>
    private sealed class PrimaryForwarder(HttpMessageInvoker primary, AmplifyEndpoint endpoint) : HttpMessageHandler
    {
        private readonly string _mode = AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response;
            try
            {
                response = await primary.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex is not AmplifyHttpStatusException)
            {
                throw TransportFailure(endpoint.Name, request.RequestUri, ex);
            }

            AmplifyTelemetry.RecordAuthFailure(endpoint.Name, _mode, response);
            return response;
        }
    }

    /// <summary>The same failure, with the endpoint, the host and what to check in its message.</summary>
    internal static HttpRequestException TransportFailure(string endpointName, Uri? uri, HttpRequestException ex)
    {
        var host = uri is { IsAbsoluteUri: true } ? uri.Authority : "(no host)";
        var check = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"The host name '{uri?.Host}' does not resolve: check the endpoint's URL (API ID, region, custom domain) in the configuration, and DNS.",
            HttpRequestError.ConnectionError => $"Nothing accepted a connection at {host}: check the endpoint's URL and port in the configuration, and that the API (or local emulator) is running and reachable (proxy, firewall).",
            HttpRequestError.SecureConnectionError => $"The TLS handshake with {host} failed: check that the URL's scheme matches the server (https vs http) and that its certificate is trusted for that host name.",
            HttpRequestError.ProxyTunnelError => "The proxy refused the tunnel: check the proxy settings (HTTPS_PROXY, NO_PROXY).",
            _ => $"Check the endpoint's URL in the configuration and that {host} is reachable.",
        };
        var path = uri is { IsAbsoluteUri: true } ? uri.AbsolutePath : string.Empty;
        return new HttpRequestException(
            ex.HttpRequestError,
            $"Endpoint '{endpointName}': the request to {host}{path} failed before a response ({ex.HttpRequestError}): {ex.Message} {check}",
            ex,
            ex.StatusCode);
    }
}
