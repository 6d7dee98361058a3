using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Endpoints that appear, change or disappear through an <see cref="IConfiguration"/> reload: a request carries
/// the endpoint's current key or signature from its first request, and never leaves unauthenticated.
/// </summary>
[TestFixture]
public sealed class EndpointChainHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string Billing = "http://127.0.0.1:5101/prod";
    private const string Signed = "http://127.0.0.1:5102/v1";

    private static Dictionary<string, string?> Orders(string key) => new()
    {
        ["Amplify:Endpoints:orders:Endpoint"] = Stage,
        ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
        ["Amplify:Endpoints:orders:ApiKey"] = key,
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> values, params (string Key, string Value)[] more)
    {
        var copy = new Dictionary<string, string?>(values);
        foreach (var (key, value) in more)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static Dictionary<string, string?> BillingEndpoint(Dictionary<string, string?> values) => With(
        values,
        ("Amplify:Endpoints:billing:Endpoint", Billing),
        ("Amplify:Endpoints:billing:AuthorizationType", "API_KEY"),
        ("Amplify:Endpoints:billing:ApiKey", "billing-key"));

    private static (ServiceProvider Provider, MockHttpMessageHandler Mock, ReloadableConfigurationSource Source) Build()
    {
        var source = new ReloadableConfigurationSource(Orders("k1"));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        var mock = AmplifyTestHost.NewMock();
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => mock));
        return (services.BuildServiceProvider(validateScopes: true), mock, source);
    }

    /// <summary>
    /// Reloads into a configuration that fails validation: OptionsMonitor re-creates (so validates) the options
    /// inside the reload callback and the validation error surfaces there. What matters here is what the
    /// client does afterwards.
    /// </summary>
    private static void ReloadIgnoringListenerErrors(ReloadableConfigurationSource source, Dictionary<string, string?> values)
    {
        try
        {
            source.Replace(values);
        }
        catch (AggregateException)
        {
        }
    }

    [Test]
    public async Task SendAsync_EndpointAddedByReload_FirstRequestCarriesItsKey()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(BillingEndpoint(Orders("k1")));
        mock.Expect(HttpMethod.Get, Billing + "/items").WithHeaders("x-api-key", "billing-key").Respond(HttpStatusCode.OK);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("billing").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_IamEndpointAddedByReload_FirstRequestIsSigned()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(With(
            Orders("k1"),
            ("Amplify:Endpoints:signed:Endpoint", Signed),
            ("Amplify:Endpoints:signed:AuthorizationType", "AWS_IAM"),
            ("Amplify:Endpoints:signed:Region", "us-west-2"),
            ("Amplify:Credentials:AccessKeyId", "AKIDRELOADEXAMPLE"),
            ("Amplify:Credentials:SecretAccessKey", "reload-secret")));
        mock.Expect(HttpMethod.Get, Signed + "/items")
            .With(request => request.Headers.TryGetValues("Authorization", out var values)
                && values.Single() is var authorization
                && authorization.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDRELOADEXAMPLE/", StringComparison.Ordinal)
                && authorization.Contains("/us-west-2/execute-api/aws4_request", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK);

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("signed", "/items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_KeyChangedByReload_NextRequestCarriesTheNewKey()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);

        (await client.GetAsync("items")).Dispose();
        source.Replace(Orders("k2"));
        (await client.GetAsync("items")).Dispose();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_BoundEndpointRemovedByReload_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        (await client.GetAsync("items")).Dispose();

        ReloadIgnoringListenerErrors(source, BillingEndpoint([]));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync(Stage + "/items"));

        Assert.That(ex!.Message, Does.Contain("'orders'"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointAddedThenRemovedByReload_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(BillingEndpoint(Orders("k1")));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("billing");
        mock.Expect(HttpMethod.Get, Billing + "/items").WithHeaders("x-api-key", "billing-key").Respond(HttpStatusCode.OK);
        (await client.GetAsync("items")).Dispose();

        source.Replace(Orders("k1"));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync(Billing + "/items"));

        Assert.That(ex!.Message, Does.Contain("No REST endpoint named 'billing'"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_ReloadMakesAClientThatAlreadySentFollowingRedirectsAnEndpoint_ThrowsTypedErrorAndSendsNothing()
    {
        await using var server = await LoopbackServer.StartAsync();
        var source = new ReloadableConfigurationSource(Orders("k1"));
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(new ConfigurationBuilder().Add(source).Build().GetSection("Amplify"));
        using var sockets = new SocketsHttpHandler();
        services.AddHttpClient("open").ConfigurePrimaryHttpMessageHandler(() => sockets);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("open");
        (await client.GetAsync(server.Origin + "/before")).Dispose();
        Assert.That(sockets.AllowAutoRedirect, Is.True, "a client that is no endpoint keeps its redirects");

        // Even a NONE endpoint: a key or cookie the caller sets must not follow a redirect elsewhere.
        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:open:Endpoint", server.Origin + "/dev"), ("Amplify:Endpoints:open:AuthorizationType", "NONE")));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync(server.Origin + "/dev/items"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'open'").And.Contain("follows redirects itself"));
        Assert.That(server.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/before" }));
    }

    [Test]
    public async Task SendAsync_ReloadMakesAnUnusedClientAnEndpoint_TakesRedirectsOver()
    {
        await using var other = await LoopbackServer.StartAsync();
        await using var server = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 302, other.Origin + "/collect"));
        var source = new ReloadableConfigurationSource(Orders("k1"));
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(new ConfigurationBuilder().Add(source).Build().GetSection("Amplify"));
        using var sockets = new SocketsHttpHandler();
        services.AddHttpClient("open").ConfigurePrimaryHttpMessageHandler(() => sockets);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("open");

        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:open:Endpoint", server.Origin + "/dev"), ("Amplify:Endpoints:open:AuthorizationType", "NONE")));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Origin + "/dev/items");
        request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");
        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(sockets.AllowAutoRedirect, Is.False);
        Assert.That(other.Received, Is.Empty);
    }

    [Test]
    public async Task SendAsync_KeyRotatedByReload_RestApiSendsTheNewKeyOnItsNextCall()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var api = provider.GetRequiredService<IAmplifyRestApi>();
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);

        (await api.GetAsync("orders", "/items")).Dispose();
        source.Replace(Orders("k2"));
        (await api.GetAsync("orders", "/items")).Dispose();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_KeyRotatedThroughOptionsMonitor_NextRequestCarriesTheNewKey()
    {
        var key = "k1";
        using var change = new OptionsChange();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = key);
        services.AddSingleton<IOptionsChangeTokenSource<AmplifyRestApiOptions>>(change);
        using var mock = AmplifyTestHost.NewMock();
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => mock));
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);

        (await client.GetAsync("items")).Dispose();
        key = "k2";
        change.Raise();
        (await client.GetAsync("items")).Dispose();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointMovedByReload_ClientCreatedBeforeIsToldItMovedAndSendsNothing()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:orders:Endpoint", Billing)));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync("items"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders' moved from https://abc123.execute-api.us-west-2.amazonaws.com to http://127.0.0.1:5101"));
        Assert.That(ex.Message, Does.Contain("CreateClient(\"orders\")").And.Contain("IAmplifyRestApi").And.Not.Contain("k1"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointMovedByReload_NewClientAndRestApiGoToTheNewAddress()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        (await factory.CreateClient("orders").GetAsync("items")).Dispose();

        source.Replace(With(Orders("k2"), ("Amplify:Endpoints:orders:Endpoint", Billing)));
        mock.Expect(HttpMethod.Get, Billing + "/items").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);
        mock.Expect(HttpMethod.Get, Billing + "/orders/1").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);
        (await factory.CreateClient("orders").GetAsync("items")).Dispose();
        (await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("orders", "/orders/1")).Dispose();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_UnknownEndpointThroughRestApi_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, _) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;

        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("billing", "/items"));

        Assert.That(ex!.Message, Does.Contain("No REST endpoint named 'billing'"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointMovedFiveTimes_RemembersTheLastFourFormerAddresses()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        for (var port = 5201; port <= 5204; port++)
        {
            source.Replace(With(Orders("k1"), ("Amplify:Endpoints:orders:Endpoint", $"http://127.0.0.1:{port}/dev")));
            var moved = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync("items"));
            Assert.That(moved!.Message, Does.Contain($"Endpoint 'orders' moved from https://abc123.execute-api.us-west-2.amazonaws.com to http://127.0.0.1:{port}"));
        }

        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:orders:Endpoint", "http://127.0.0.1:5205/dev")));
        var ex = Assert.ThrowsAsync<AmplifyCrossOriginRequestException>(() => client.GetAsync("items"));

        Assert.That(ex!.RequestOrigin, Is.EqualTo("https://abc123.execute-api.us-west-2.amazonaws.com"), "the first address is forgotten after four more moves");
        var stillKnown = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync("http://127.0.0.1:5201/dev/items"));
        Assert.That(stillKnown!.Message, Does.Contain("moved from http://127.0.0.1:5201 to http://127.0.0.1:5205"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointMovedWithCrossOriginRequestsAllowed_SendsToTheOldAddressWithoutCredentials()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:orders:Endpoint", Billing)));
        _ = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync("items"));
        source.Replace(With(Orders("k1"), ("Amplify:Endpoints:orders:Endpoint", Billing), ("Amplify:Endpoints:orders:AllowCrossOriginRequests", "true")));
        mock.Expect(HttpMethod.Get, Stage + "/items").With(request => !request.Headers.Contains("x-api-key")).Respond(HttpStatusCode.OK);

        using var response = await client.GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    [TestCase(HttpRequestError.NameResolutionError, "The host name 'abc123.execute-api.us-west-2.amazonaws.com' does not resolve")]
    [TestCase(HttpRequestError.ConnectionError, "Nothing accepted a connection at abc123.execute-api.us-west-2.amazonaws.com")]
    [TestCase(HttpRequestError.SecureConnectionError, "The TLS handshake with abc123.execute-api.us-west-2.amazonaws.com failed")]
    [TestCase(HttpRequestError.ProxyTunnelError, "The proxy refused the tunnel")]
    [TestCase(HttpRequestError.Unknown, "Check the endpoint's URL in the configuration and that abc123.execute-api.us-west-2.amazonaws.com is reachable.")]
    public void SendAsync_PrimaryFailsBeforeAResponse_ThrowsTheSameKindNamingEndpointHostAndWhatToCheck(HttpRequestError error, string check)
    {
        var original = new HttpRequestException(error, "socket said no", null, HttpStatusCode.BadGateway);
        using var mock = AmplifyTestHost.NewMock();
        mock.When(Stage + "/*").Throw(original);
        using var host = ApiKeyHost(mock);

        var ex = Assert.ThrowsAsync<HttpRequestException>(() => host.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync("items"));

        Assert.That(ex!.HttpRequestError, Is.EqualTo(error));
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(ex.InnerException, Is.SameAs(original));
        Assert.That(ex.Message, Does.StartWith($"Endpoint 'orders': the request to abc123.execute-api.us-west-2.amazonaws.com/dev/items failed before a response ({error}): socket said no "));
        Assert.That(ex.Message, Does.Contain(check));
    }

    [Test]
    public void TransportFailure_NoUri_SaysSoInsteadOfAHost()
    {
        var ex = EndpointChainHandler.TransportFailure("orders", null, new HttpRequestException(HttpRequestError.ConnectionError, "refused"));

        Assert.That(ex.Message, Does.StartWith("Endpoint 'orders': the request to (no host) failed before a response (ConnectionError): refused"));
    }

    [Test]
    public void SendAsync_PrimaryThrowsAmplifyHttpStatusException_PassesItThroughUnchanged()
    {
        var original = new AmplifyHttpStatusException("orders", HttpMethod.Get, "/dev/items", HttpStatusCode.BadRequest, new Dictionary<string, IReadOnlyList<string>>(), "bad");
        using var mock = AmplifyTestHost.NewMock();
        mock.When(Stage + "/*").Throw(original);
        using var host = ApiKeyHost(mock);

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => host.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync("items"));

        Assert.That(ex, Is.SameAs(original));
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        using var mock = AmplifyTestHost.NewMock();
        using var host = ApiKeyHost(mock);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        var ex = Assert.Throws<NotSupportedException>(() => host.GetRequiredService<IHttpClientFactory>().CreateClient("orders").Send(request));

        Assert.That(ex!.Message, Does.Contain("use SendAsync"));
    }

    [Test]
    public void CurrentHandlers_ClientThatIsNoEndpoint_IsEmpty()
    {
        using var mock = AmplifyTestHost.NewMock();
        using var host = ApiKeyHost(mock);

        var chain = ChainOf(host.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("unrelated"));

        Assert.That(chain.CurrentHandlers, Is.Not.Null.And.Empty);
        Assert.That(HandlerPipeline.Names(chain), Has.Count.EqualTo(2), "the chain handler, then the client's primary: nothing of an endpoint's between");
    }

    [Test]
    public void Dispose_EndpointClient_DisposesItsChainAndPrimaryAndSendsNothingAfter()
    {
        var primary = new DisposalTrackingPrimary();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "k1")
            .Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => primary);
        using var host = services.BuildServiceProvider(validateScopes: true);
        var chain = ChainOf(host.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("orders"));
        var outermost = chain.CurrentHandlers[0];
        var forwarder = chain.CurrentHandlers[^1].InnerHandler!;

        chain.Dispose();

        using var viaChain = new HttpMessageInvoker(outermost, disposeHandler: false);
        using var viaForwarder = new HttpMessageInvoker(forwarder, disposeHandler: false);
        using var first = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        using var second = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        Assert.Multiple(() =>
        {
            Assert.That(primary.Disposed, Is.True, "the primary handler is the chain handler's inner handler");
            Assert.That(
                () => viaChain.SendAsync(first, CancellationToken.None),
                Throws.TypeOf<ObjectDisposedException>().With.Property(nameof(ObjectDisposedException.ObjectName)).EqualTo(typeof(RedirectHandler).FullName),
                "the endpoint's chain is disposed with it: its outermost handler refuses, not only the way to the primary");
            Assert.That(
                () => viaForwarder.SendAsync(second, CancellationToken.None),
                Throws.TypeOf<ObjectDisposedException>().With.Property(nameof(ObjectDisposedException.ObjectName)).EqualTo(typeof(HttpMessageInvoker).FullName),
                "the chain's way to the primary is closed");
            Assert.That(primary.Sent, Is.Zero);
        });
    }

    private static EndpointChainHandler ChainOf(HttpMessageHandler top)
    {
        for (var handler = top; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            if (handler is EndpointChainHandler chain)
            {
                return chain;
            }
        }

        throw new AssertionException("The client has no EndpointChainHandler.");
    }

    /// <summary>A primary handler that records whether it was disposed and how many requests reached it.</summary>
    private sealed class DisposalTrackingPrimary : HttpMessageHandler
    {
        public bool Disposed { get; private set; }

        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    private static ServiceProvider ApiKeyHost(MockHttpMessageHandler mock)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "k1";
            endpoint.Resilience.Enabled = false;
        }).Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => mock);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
