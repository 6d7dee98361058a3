
namespace AmplifyAuthHandlers;

/// <summary>
/// Sits directly above a client's primary handler and runs, for each request, the <see cref="AmplifyHandlerChain"/>
/// of the endpoint the client calls <em>now</em>: the endpoint is looked up in the current catalog on every
/// request, so an endpoint added or changed by a configuration reload is sent with its own key, token or
/// signature from its first request. Being the primary handler as HttpClientFactory sees it, everything the
/// factory, filters and the user add (logging included) stays outside the chain and never sees a secret.
/// </summary>
/// <remarks>
/// A client bound to an endpoint (the endpoint's own named client, or <c>AddAmplifyAuthorization</c>) whose
/// endpoint is gone, or whose configuration no longer validates, gets <see cref="AmplifyConfigurationException"/>
/// and nothing is sent. A client whose name is no endpoint passes through untouched.
/// </remarks>
internal sealed class EndpointChainHandler : DelegatingHandler
{
    private readonly string _clientName;
    private readonly AmplifyServiceRegistry _registry;
    private readonly AmplifyEndpointCatalog _catalog;
    private readonly AmplifyHandlerChain _chains;
    private readonly HttpMessageInvoker _primary;
    private readonly bool _primaryFollowsRedirects;
    private volatile Chain? _current;
    private volatile bool _servedAnEndpoint;

    /// <summary>Wraps <paramref name="primary"/>; builds the endpoint's chain now when the client has one, so configuration errors surface at <c>CreateClient</c>.</summary>
    public EndpointChainHandler(string clientName, HttpMessageHandler primary, AmplifyServiceRegistry registry, AmplifyEndpointCatalog catalog, AmplifyHandlerChain chains)
        : base(primary)
    {
        _clientName = clientName;
        _registry = registry;
        _catalog = catalog;
        _chains = chains;
        _primary = new HttpMessageInvoker(primary, disposeHandler: false);
        if (Resolve() is { } endpoint)
        {
            if (endpoint.CarriesCredentials)
            {
                // A redirect would replay the request's key, token or signature to wherever it points.
                DisableAutoRedirect(primary);
            }

            _current = new Chain(endpoint, _chains.Create(endpoint), _primary);
        }

        _primaryFollowsRedirects = FollowsRedirects(primary);
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

        if (endpoint.CarriesCredentials && _primaryFollowsRedirects)
        {
            throw new AmplifyConfigurationException([$"Endpoint '{endpoint.Name}' now carries credentials, but the handler of HttpClient '{_clientName}' was built before, with automatic redirects on, which could replay them elsewhere; the request was not sent. HttpClientFactory builds a new handler within its HandlerLifetime (2 minutes by default)."]);
        }

        var chain = _current;
        if (chain is null || !ReferenceEquals(chain.Endpoint, endpoint))
        {
            chain = new Chain(endpoint, _chains.Create(endpoint), _primary);
            _current = chain;
        }

        return chain.Invoker.SendAsync(request, cancellationToken);
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

    /// <summary>Turns auto-redirect off on the primary handler shapes that have it (one rule for setup and reload).</summary>
    internal static void DisableAutoRedirect(HttpMessageHandler primary)
    {
        switch (primary)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }
    }

    private static bool FollowsRedirects(HttpMessageHandler primary) => primary switch
    {
        SocketsHttpHandler sockets => sockets.AllowAutoRedirect,
        HttpClientHandler client => client.AllowAutoRedirect,
        _ => false,
    };

    /// <summary>One endpoint's handlers, linked, ending at the primary handler (which the chain never disposes).</summary>
    private sealed class Chain
    {
        public Chain(AmplifyEndpoint endpoint, DelegatingHandler[] handlers, HttpMessageInvoker primary)
        {
            Endpoint = endpoint;
            Handlers = handlers;
            HttpMessageHandler inner = new PrimaryForwarder(primary, endpoint);
            for (var i = handlers.Length - 1; i >= 0; i--)
            {
                handlers[i].InnerHandler = inner;
                inner = handlers[i];
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
