using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A user's handler around the primary, as <c>ConfigurePrimaryHttpMessageHandler(() => new MyHandler(new SocketsHttpHandler()))</c>.</summary>
    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
}
