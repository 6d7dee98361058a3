using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Redirects through an endpoint's client, against two real loopback servers (two origins), with the primary handler
/// as a plain <see cref="SocketsHttpHandler"/> and wrapped in a <see cref="DelegatingHandler"/>: a redirect within the
/// endpoint's origin is followed and authorized again; a redirect elsewhere is returned, and the other origin
/// receives nothing.
/// </summary>
[TestFixture]
public sealed class RedirectHandlerTests
{
    private const string Key = "endpoint-key-7f3a";
    private const string Stage = "https://abc123.execute-api.us-west-2.amazonaws.com/dev";

    public enum PrimaryShape
    {
        Sockets,
        SocketsInsideDelegatingHandler,
        HttpClientHandlerInsideDelegatingHandler,
    }

    private static readonly int[] RedirectCodes = [301, 302, 303, 307, 308];

    private static IEnumerable<TestCaseData> CodesAndShapes() =>
        from code in RedirectCodes
        from shape in Enum.GetValues<PrimaryShape>()
        select new TestCaseData(code, shape);

    private static HttpMessageHandler Primary(PrimaryShape shape, SocketsHttpHandler? sockets = null) => shape switch
    {
        PrimaryShape.Sockets => sockets ?? new SocketsHttpHandler(),
        PrimaryShape.SocketsInsideDelegatingHandler => new PassThroughHandler(sockets ?? new SocketsHttpHandler()),
        _ => new PassThroughHandler(new HttpClientHandler()),
    };

    private static ServiceProvider Build(string endpoint, AmplifyAuthorizationType mode, Func<HttpMessageHandler> primary, Action<AmplifyRestApiOptions>? more = null)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            var options = o.AddEndpoint("api", new Uri(endpoint), mode);
            if (mode == AmplifyAuthorizationType.ApiKey)
            {
                options.ApiKey = Key;
            }

            more?.Invoke(o);
        }).Endpoint("api").ConfigurePrimaryHttpMessageHandler(primary);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static HttpClient Client(ServiceProvider provider) => provider.GetRequiredService<IHttpClientFactory>().CreateClient("api");

    [TestCaseSource(nameof(CodesAndShapes))]
    public async Task SendAsync_RedirectToAnotherOrigin_IsReturnedAndTheOtherOriginReceivesNothing(int code, PrimaryShape shape)
    {
        await using var other = await LoopbackServer.StartAsync();
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, code, other.Origin + "/collect"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => Primary(shape), o => o.Endpoints["api"].Headers["x-tenant"] = "tenant-secret");

        using var response = await Client(provider).PostAsync("items", new StringContent("body"));

        Assert.That((int)response.StatusCode, Is.EqualTo(code), "the redirect comes back to the caller");
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri(other.Origin + "/collect")));
        Assert.That(origin.Received, Has.Count.EqualTo(1));
        Assert.That(origin.Received[0].Header("x-api-key"), Is.EqualTo(Key), "the endpoint itself got its key");
        Assert.That(other.Received, Is.Empty, "the other origin must receive nothing at all");
    }

    [TestCaseSource(nameof(CodesAndShapes))]
    public async Task SendAsync_NoneEndpointCallerSetSecrets_AreNotFollowedToAnotherOrigin(int code, PrimaryShape shape)
    {
        await using var other = await LoopbackServer.StartAsync();
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, code, other.Origin + "/collect"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.None, () => Primary(shape));
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer caller-token");
        request.Headers.TryAddWithoutValidation("Cookie", "session=caller-cookie");
        request.Headers.TryAddWithoutValidation("x-partner-secret", "caller-secret");

        using var response = await Client(provider).SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(code));
        Assert.That(origin.Received, Has.Count.EqualTo(1));
        Assert.That(origin.Received[0].Header("x-api-key"), Is.EqualTo("caller-key"));
        Assert.That(other.Received, Is.Empty, "the caller's key, token, cookie and headers must not reach another origin");
    }

    [TestCase(PrimaryShape.Sockets)]
    [TestCase(PrimaryShape.SocketsInsideDelegatingHandler)]
    [TestCase(PrimaryShape.HttpClientHandlerInsideDelegatingHandler)]
    public async Task SendAsync_RedirectWithinTheOrigin_IsFollowedWithTheKeyAndCustomHeaders(PrimaryShape shape)
    {
        await using var origin = await LoopbackServer.StartAsync((request, response) =>
        {
            if (request.PathAndQuery == "/dev/old")
            {
                LoopbackServer.Redirect(response, 302, "/dev/new?page=2");
            }
        });
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => Primary(shape), o => o.Endpoints["api"].Headers["x-tenant"] = "t1");

        using var response = await Client(provider).GetAsync("old");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(origin.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/dev/old", "/dev/new?page=2" }));
        Assert.That(origin.Received[1].Header("x-api-key"), Is.EqualTo(Key));
        Assert.That(origin.Received[1].Header("x-tenant"), Is.EqualTo("t1"));
    }

    [Test]
    public async Task SendAsync_IamRedirectWithinTheOrigin_IsSignedAgainForTheNewRequest()
    {
        await using var origin = await LoopbackServer.StartAsync((request, response) =>
        {
            if (request.PathAndQuery == "/dev/old")
            {
                LoopbackServer.Redirect(response, 307, "/dev/new");
            }
        });
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.AwsIam, () => new PassThroughHandler(new SocketsHttpHandler()), o =>
        {
            o.Endpoints["api"].Region = "us-west-2";
            o.Credentials.AccessKeyId = "AKIDREDIRECT";
            o.Credentials.SecretAccessKey = "redirect-secret";
        });

        using var response = await Client(provider).GetAsync("old");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(origin.Received, Has.Count.EqualTo(2));
        var first = origin.Received[0].Header("Authorization");
        var second = origin.Received[1].Header("Authorization");
        Assert.That(second, Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDREDIRECT/"));
        Assert.That(second, Is.Not.EqualTo(first), "the followed request is signed for its own path, not replayed");
        Assert.That(origin.Received[1].Header("X-Amz-Date"), Is.Not.Null);
    }

    [TestCase(301, "GET", "")]
    [TestCase(302, "GET", "")]
    [TestCase(303, "GET", "")]
    [TestCase(307, "POST", "payload")]
    [TestCase(308, "POST", "payload")]
    public async Task SendAsync_PostRedirectedWithinTheOrigin_ChangesMethodAsHttpClientDoes(int code, string method, string body)
    {
        await using var origin = await LoopbackServer.StartAsync((request, response) =>
        {
            if (request.PathAndQuery == "/dev/old")
            {
                LoopbackServer.Redirect(response, code, "/dev/new");
            }
        });
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new SocketsHttpHandler());

        using var response = await Client(provider).PostAsync("old", new StringContent("payload"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(origin.Received, Has.Count.EqualTo(2));
        Assert.That(origin.Received[1].Method, Is.EqualTo(method));
        Assert.That(origin.Received[1].Body, Is.EqualTo(body));
        Assert.That(origin.Received[1].Header("x-api-key"), Is.EqualTo(Key));
    }

    [Test]
    public async Task SendAsync_307WithABodyThatCannotBeReplayed_ReturnsTheRedirect()
    {
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 307, "/dev/new"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new SocketsHttpHandler());
        using var stream = new MemoryStream("payload"u8.ToArray());

        using var response = await Client(provider).PostAsync("old", new StreamContent(stream));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(origin.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_UserTurnedRedirectsOff_ReturnsARedirectWithinTheOrigin()
    {
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 302, "/dev/new"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new PassThroughHandler(new SocketsHttpHandler { AllowAutoRedirect = false }));

        using var response = await Client(provider).GetAsync("old");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(origin.Received, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_RedirectLoopWithinTheOrigin_StopsAtMaxAutomaticRedirections()
    {
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 302, "/dev/loop"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new SocketsHttpHandler { MaxAutomaticRedirections = 3 });

        using var response = await Client(provider).GetAsync("loop");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(origin.Received, Has.Count.EqualTo(4), "the request and three redirects");
    }

    [Test]
    public async Task SendAsync_RedirectOutsideTheStage_GoesToTheLocationAsGiven()
    {
        await using var origin = await LoopbackServer.StartAsync((request, response) =>
        {
            if (request.PathAndQuery == "/dev/old")
            {
                LoopbackServer.Redirect(response, 301, "/v2/items");
            }
        });
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new SocketsHttpHandler());

        using var response = await Client(provider).GetAsync("old");

        Assert.That(origin.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/dev/old", "/v2/items" }), "a Location is not stage-relative");
        Assert.That(origin.Received[1].Header("x-api-key"), Is.EqualTo(Key), "same origin: the key goes along");
    }

    [Test]
    public async Task SendAsync_RedirectFromAnotherOriginToTheEndpoint_IsReturnedNotFollowedWithCredentials()
    {
        await using var origin = await LoopbackServer.StartAsync();
        await using var other = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 307, origin.Origin + "/dev/admin"));
        using var provider = Build(origin.Origin + "/dev", AmplifyAuthorizationType.ApiKey, () => new SocketsHttpHandler(), o => o.Endpoints["api"].AllowCrossOriginRequests = true);

        using var response = await Client(provider).PostAsync(other.Origin + "/hook", new StringContent("payload"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(other.Received, Has.Count.EqualTo(1));
        Assert.That(other.Received[0].Header("x-api-key"), Is.Null);
        Assert.That(origin.Received, Is.Empty, "a third party's redirect must not become an authorized request to the endpoint");
    }

    [Test]
    public void CreateClient_PrimaryWrappedInDelegatingHandlers_TurnsOffAutoRedirectUnderneath()
    {
        var sockets = new SocketsHttpHandler();
        using var provider = Build("https://abc123.execute-api.us-west-2.amazonaws.com/dev", AmplifyAuthorizationType.None, () => new PassThroughHandler(new PassThroughHandler(sockets)));

        _ = Client(provider);

        Assert.That(sockets.AllowAutoRedirect, Is.False);
    }

    [TestCase(AmplifyHttpClientNames.CognitoIdentity)]
    [TestCase(AmplifyHttpClientNames.CognitoIdentityProvider)]
    [TestCase(AmplifyHttpClientNames.SecurityTokenService)]
    public void CreateClient_AmplifysOwnClientWithWrappedPrimary_TurnsOffAutoRedirectUnderneath(string name)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("api", new Uri("https://abc123.execute-api.us-west-2.amazonaws.com/dev"), AmplifyAuthorizationType.None));
        var sockets = new SocketsHttpHandler();
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(sockets));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IHttpClientFactory>().CreateClient(name);

        Assert.That(sockets.AllowAutoRedirect, Is.False, "its bodies carry passwords and tokens");
    }

    /// <summary>Every authorization type, and NONE without a key, with a key and with only custom headers.</summary>
    public enum EndpointKind
    {
        NoneBare,
        NoneWithApiKey,
        NoneWithCustomHeaders,
        ApiKey,
        AwsIam,
        UserPools,
        OpenIdConnect,
        AwsLambda,
    }

    private static ServiceProvider BuildKind(EndpointKind kind, string endpoint, Func<HttpMessageHandler> primary)
    {
        var type = kind switch
        {
            EndpointKind.ApiKey => AmplifyAuthorizationType.ApiKey,
            EndpointKind.AwsIam => AmplifyAuthorizationType.AwsIam,
            EndpointKind.UserPools => AmplifyAuthorizationType.AmazonCognitoUserPools,
            EndpointKind.OpenIdConnect => AmplifyAuthorizationType.OpenIdConnect,
            EndpointKind.AwsLambda => AmplifyAuthorizationType.AwsLambda,
            _ => AmplifyAuthorizationType.None,
        };
        var services = new ServiceCollection();
        services.AddSingleton<IUserPoolTokenSource>(new Auth.FakeUserPoolTokenSource { Current = new UserPoolTokens("pool-access-token", "pool-id-token", "pool-refresh-token") });
        services.AddSingleton(new Auth.RecordingTokenProvider { Respond = _ => "oidc-token" });
        services.AddAmplifyRestApi(o =>
        {
            var options = o.AddEndpoint("api", new Uri(endpoint), type);
            options.Region = "us-west-2";
            if (kind is EndpointKind.ApiKey or EndpointKind.NoneWithApiKey)
            {
                options.ApiKey = Key;
            }

            if (kind == EndpointKind.NoneWithCustomHeaders)
            {
                options.Headers["x-tenant"] = "tenant-secret";
            }

            o.Credentials.AccessKeyId = "AKIDREDIRECT";
            o.Credentials.SecretAccessKey = "redirect-secret";
        })
        .AddOidcTokenProvider<Auth.RecordingTokenProvider>()
        .AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("lambda-token"))
        .Endpoint("api").ConfigurePrimaryHttpMessageHandler(primary);
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Test]
    public void CreateClient_EveryKindOfEndpoint_TurnsAutoRedirectOffOnItsPrimaryHandler([Values] EndpointKind kind, [Values] PrimaryShape shape)
    {
        var sockets = new SocketsHttpHandler();
        var client = new HttpClientHandler();
        using var provider = BuildKind(kind, "https://abc123.execute-api.us-west-2.amazonaws.com/dev", () => shape == PrimaryShape.HttpClientHandlerInsideDelegatingHandler ? new PassThroughHandler(client) : Primary(shape, sockets));

        _ = Client(provider);

        Assert.That(shape == PrimaryShape.HttpClientHandlerInsideDelegatingHandler ? client.AllowAutoRedirect : sockets.AllowAutoRedirect, Is.False, "the primary handler must not follow a redirect the chain never sees");
        sockets.Dispose();
        client.Dispose();
    }

    [Test]
    public void CreateClient_ClientThatIsNoEndpoint_KeepsItsPrimaryHandlerAsConfigured()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("api", new Uri("https://abc123.execute-api.us-west-2.amazonaws.com/dev"), AmplifyAuthorizationType.ApiKey).ApiKey = Key);
        var sockets = new SocketsHttpHandler { MaxAutomaticRedirections = 9 };
        services.AddHttpClient("unrelated").ConfigurePrimaryHttpMessageHandler(() => new PassThroughHandler(sockets));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IHttpClientFactory>().CreateClient("unrelated");

        Assert.That(sockets.AllowAutoRedirect, Is.True, "an unrelated client is the user's");
        Assert.That(sockets.MaxAutomaticRedirections, Is.EqualTo(9));
    }

    [Test]
    public async Task SendAsync_EveryKindOfEndpointRedirectedToAnotherOrigin_ReturnsTheRedirectAndTheOtherOriginReceivesNothing([Values] EndpointKind kind)
    {
        await using var other = await LoopbackServer.StartAsync();
        await using var origin = await LoopbackServer.StartAsync((_, response) => LoopbackServer.Redirect(response, 307, other.Origin + "/collect"));
        using var provider = BuildKind(kind, origin.Origin + "/dev", () => new SocketsHttpHandler());

        using var response = await Client(provider).GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(origin.Received, Has.Count.EqualTo(1));
        Assert.That(other.Received, Is.Empty);
    }

    [TestCase(300, "POST", "GET", "")]
    [TestCase(303, "PUT", "GET", "")]
    [TestCase(303, "HEAD", "HEAD", "")]
    [TestCase(303, "GET", "GET", "")]
    [TestCase(301, "PUT", "PUT", "payload")]
    [TestCase(302, "DELETE", "DELETE", "payload")]
    [TestCase(307, "PATCH", "PATCH", "payload")]
    public async Task SendAsync_RedirectWithinTheOrigin_FollowsWithHttpClientsMethodRule(int code, string method, string expectedMethod, string expectedBody)
    {
        var primary = new ScriptedPrimary((request, n) => n == 1 ? Redirect(code, "/dev/new") : new HttpResponseMessage(HttpStatusCode.OK));
        using var provider = BuildScripted(primary);
        using var request = new HttpRequestMessage(new HttpMethod(method), "old") { Content = method is "GET" or "HEAD" ? null : new StringContent("payload") };

        using var response = await Client(provider).SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(primary.Seen.Select(r => r.Method), Is.EqualTo(new[] { method, expectedMethod }));
        Assert.That(primary.Seen[1].Body, Is.EqualTo(expectedBody));
        Assert.That(primary.Seen[1].Uri, Is.EqualTo(Stage + "/new"));
        Assert.That(primary.Seen[1].Key, Is.EqualTo(Key), "the followed request is authorized again");
        var followed = Logs(provider).Single(r => r.Id.Id == 1031);
        Assert.That(followed.Level, Is.EqualTo(LogLevel.Debug));
        Assert.That(followed.Message, Does.Contain($"a {code} redirect within its origin as {expectedMethod} (redirect 1)").And.Contain("api"));
    }

    [Test]
    public async Task SendAsync_PostRedirectedBy303WithChunkedBody_FollowsAsAGetWithoutChunking()
    {
        var primary = new ScriptedPrimary((request, n) => n == 1 ? Redirect(303, "/dev/new") : new HttpResponseMessage(HttpStatusCode.OK));
        using var provider = BuildScripted(primary);
        using var stream = new MemoryStream("payload"u8.ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "old") { Content = new StreamContent(stream) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client(provider).SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a body that cannot be replayed does not matter when it is dropped");
        Assert.That(primary.Seen.Select(r => (r.Method, r.Chunked)), Is.EqualTo(new[] { ("POST", true), ("GET", false) }));
        Assert.That(request.Content, Is.Null);
    }

    [TestCase(304)]
    [TestCase(305)]
    [TestCase(200)]
    public async Task SendAsync_NotARedirectStatusWithALocation_IsReturnedAsItIs(int code)
    {
        var primary = new ScriptedPrimary((_, _) => Redirect(code, "/dev/new"));
        using var provider = BuildScripted(primary);

        using var response = await Client(provider).GetAsync("old");

        Assert.That((int)response.StatusCode, Is.EqualTo(code));
        Assert.That(primary.Seen, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_RedirectWithoutLocation_IsReturnedAsItIs()
    {
        var primary = new ScriptedPrimary((_, _) => new HttpResponseMessage(HttpStatusCode.Found));
        using var provider = BuildScripted(primary);

        using var response = await Client(provider).GetAsync("old");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(primary.Seen, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_RedirectToAnotherOrigin_LogsWhyItIsReturned()
    {
        var primary = new ScriptedPrimary((_, _) => Redirect(302, "https://127.0.0.1:9443/collect"));
        using var provider = BuildScripted(primary);

        using var response = await Client(provider).GetAsync("old");

        var record = Logs(provider).Single(r => r.Id.Id == 1030);
        Assert.That(record.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(record.Message, Does.Contain("api").And.Contain("a 302 redirect to https://127.0.0.1:9443 was not followed"));
    }

    [Test]
    public async Task SendAsync_RedirectLoop_LogsTheLimitOnce()
    {
        var primary = new ScriptedPrimary((_, _) => Redirect(307, "/dev/loop"), maxRedirects: 2);
        using var provider = BuildScripted(primary);

        using var response = await Client(provider).GetAsync("loop");

        Assert.That(primary.Seen, Has.Count.EqualTo(3));
        var record = Logs(provider).Single(r => r.Id.Id == 1033);
        Assert.That(record.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(record.Message, Does.Contain("api").And.Contain("a 307 redirect was not followed, because 2 redirects"));
        Assert.That(Logs(provider).Where(r => r.Id.Id == 1031).Select(r => r.Message), Has.Some.Contains("(redirect 2)"));
    }

    [Test]
    public async Task SendAsync_RedirectNotFollowedForItsBody_LogsTheContentType()
    {
        var primary = new ScriptedPrimary((_, _) => Redirect(308, "/dev/new"));
        using var provider = BuildScripted(primary);
        using var stream = new MemoryStream("payload"u8.ToArray());

        using var response = await Client(provider).PutAsync("old", new StreamContent(stream));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect));
        var record = Logs(provider).Single(r => r.Id.Id == 1032);
        Assert.That(record.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(record.Message, Does.Contain("api").And.Contain("a 308 redirect was not followed").And.Contain("(StreamContent)"));
    }

    [Test]
    public async Task SendAsync_RedirectWithinTheOrigin_DisposesTheRedirectResponseItFollows()
    {
        var redirect = new TrackingContent(new StringContent("moved"));
        var backend = new ScriptedBackend(new SocketsHttpHandler(), request => request.RequestUri!.AbsolutePath == "/dev/items"
            ? new HttpResponseMessage(HttpStatusCode.Found) { Content = redirect, Headers = { Location = new Uri(Stage + "/moved") } }
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var provider = Build(Stage, AmplifyAuthorizationType.ApiKey, () => backend);

        using var response = await Client(provider).GetAsync("items");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(backend.Paths, Is.EqualTo(new[] { "/dev/items", "/dev/moved" }));
            Assert.That(redirect.Disposed, Is.True, "the caller gets the followed answer, so the 302 is the handler's to dispose");
        });
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        var endpoint = new AmplifyEndpoint("api", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.None });
        using var sockets = new SocketsHttpHandler();
        using var invoker = new HttpMessageInvoker(new RedirectHandler(endpoint, RedirectPolicy.TakeOver(sockets), Microsoft.Extensions.Logging.Abstractions.NullLogger<RedirectHandler>.Instance) { InnerHandler = sockets }, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("use SendAsync"));
    }

    private static HttpResponseMessage Redirect(int code, string location)
    {
        var response = new HttpResponseMessage((HttpStatusCode)code);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    private static IReadOnlyList<FakeLogRecord> Logs(ServiceProvider provider) => provider.GetFakeLogCollector().GetSnapshot();

    private static ServiceProvider BuildScripted(ScriptedPrimary primary)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddAmplifyRestApi(o => o.AddEndpoint("api", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = Key)
            .Endpoint("api").ConfigurePrimaryHttpMessageHandler(() => primary);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// A primary handler of a shape the library knows (a socket handler under a delegating handler) that answers from a
    /// script instead of the network, and records what it was given: method, URI, key, body, chunking.
    /// </summary>
    private sealed class ScriptedPrimary(Func<HttpRequestMessage, int, HttpResponseMessage> answer, int maxRedirects = 50)
        : DelegatingHandler(new SocketsHttpHandler { MaxAutomaticRedirections = maxRedirects })
    {
        public List<(string Method, string Uri, string? Key, string Body, bool Chunked)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var key = request.Headers.TryGetValues("x-api-key", out var keys) ? string.Join(",", keys) : null;
            Seen.Add((request.Method.Method, request.RequestUri!.AbsoluteUri, key, body, request.Headers.TransferEncodingChunked == true));
            return answer(request, Seen.Count);
        }
    }

    /// <summary>A user's handler around the primary, as <c>ConfigurePrimaryHttpMessageHandler(() => new MyHandler(new SocketsHttpHandler()))</c>.</summary>
    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>
    /// Answers from a script instead of the network, above a SocketsHttpHandler it never calls: the library sees a
    /// primary of a known shape (whose redirects it takes over) and the test sees every response it produced.
    /// </summary>
    private sealed class ScriptedBackend(SocketsHttpHandler unused, Func<HttpRequestMessage, HttpResponseMessage> answer) : DelegatingHandler(unused)
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Paths.Add(request.RequestUri!.AbsolutePath);
            return Task.FromResult(answer(request));
        }
    }
}
