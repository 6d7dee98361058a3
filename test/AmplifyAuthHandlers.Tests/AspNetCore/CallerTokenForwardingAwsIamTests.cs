using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

/// <summary>
/// AddAmplifyCallerTokenForwarding with an AWS_IAM endpoint, end to end through a real ServiceCollection: each caller's
/// ID token is exchanged at the identity pool, and each outgoing request is signed with that caller's credentials only.
/// </summary>
[TestFixture]
public sealed class CallerTokenForwardingAwsIamTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string ProviderName = "cognito-idp.us-west-2.amazonaws.com/us-west-2_pool";

    private FakeTimeProvider _time = null!;
    private CallerIdentityPool _identity = null!;
    private FakeSecurityTokenService _sts = null!;
    private MockHttpMessageHandler _api = null!;
    private int _served;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _identity = new CallerIdentityPool(_time);
        _sts = new FakeSecurityTokenService { Now = () => _time.GetUtcNow() };
        _api = AmplifyTestHost.NewMock();
        _served = 0;
        _api.When(Stage + "/*").Respond(EchoSignatureAsync);
    }

    [TearDown]
    public void TearDown()
    {
        _identity.Dispose();
        _sts.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task SendAsync_TwoCallersConcurrently_EachRequestSignedWithItsOwnCallersCredentials()
    {
        await using var provider = Build();
        var failures = await RunCallersAsync(provider, callers: 2, iterations: 200, expectedKey: token => _identity.IssuedByIdToken[token]);

        Assert.That(failures, Is.Empty);
        Assert.That(_served, Is.EqualTo(400));
        Assert.That(_identity.IssuedByIdToken, Has.Count.EqualTo(2));
        Assert.That(_identity.IssuedByIdToken.Values.Distinct().Count(), Is.EqualTo(2));
        Assert.That(_identity.GetIdCalls, Is.EqualTo(2), "one exchange per caller; the rest come from the per-caller cache");
        Assert.That(_identity.CrossedLogins, Is.Zero);
    }

    [Test]
    public async Task SendAsync_ManyCallersConcurrently_NeverSignWithAnotherCallersKey()
    {
        await using var provider = Build();
        var failures = await RunCallersAsync(provider, callers: 8, iterations: 60, expectedKey: token => _identity.IssuedByIdToken[token]);

        Assert.That(failures, Is.Empty);
        Assert.That(_served, Is.EqualTo(480));
        Assert.That(_identity.GetIdCalls, Is.EqualTo(8));
    }

    [Test]
    public async Task SendAsync_AuthenticatedRoleArnSet_EachCallerAssumesTheRoleWithItsOwnOpenIdToken()
    {
        await using var provider = Build(pool => pool.AuthenticatedRoleArn = "arn:aws:iam::123456789012:role/Pool_Auth_Role");
        var failures = await RunCallersAsync(provider, callers: 2, iterations: 100, expectedKey: token => _sts.IssuedByToken[_identity.OpenIdTokenFor(token)]);

        Assert.That(failures, Is.Empty);
        Assert.That(_sts.Calls, Is.EqualTo(2));
        Assert.That(_sts.Requests.Select(r => r["RoleArn"]), Has.All.EqualTo("arn:aws:iam::123456789012:role/Pool_Auth_Role"));
        Assert.That(_identity.GetCredentialsCalls, Is.Zero, "the basic flow does not call GetCredentialsForIdentity");
    }

    [TestCase(null)]
    [TestCase("Basic dXNlcjpwYXNz")]
    [TestCase("Bearer ")]
    public async Task SendAsync_CallerWithoutIdToken_ThrowsNotSignedInAndSendsNothing(string? authorization)
    {
        await using var provider = Build();
        var context = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(authorization);

        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("AddAmplifyCallerTokenForwarding").And.Contain("not sent"));
        Assert.That(ex.Message, Does.Contain("guest role is not used").And.Contain("AllowGuestCredentials"));
        if (authorization is not null)
        {
            Assert.That(ex.Message, Does.Not.Contain("dXNlcjpwYXNz"));
        }

        Assert.That(_served, Is.Zero);
        Assert.That(_identity.GetIdCalls, Is.Zero);
    }

    [Test]
    public async Task SendAsync_IdTokenHeaderMissing_NamesTheHeaderAndHowToOptInToGuest()
    {
        await using var provider = Build(forwarding: o => o.IdTokenHeaderName = "X-Id-Token");
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer " + IdToken("a"));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("the incoming request has no 'X-Id-Token' header").And.Contain("AllowGuestCredentials"));
        Assert.That(_served, Is.Zero);
        Assert.That(_identity.GetIdCalls + _identity.GuestGetIdCalls, Is.Zero);
    }

    [Test]
    public async Task SendAsync_GuestOptInAndNoIdToken_SignsWithTheGuestRole()
    {
        await using var provider = Build(forwarding: o => o.AllowGuestCredentials = true);
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller(null);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");

        using var response = await client.GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith(CallerIdentityPool.GuestAccessKey + "|"));
        Assert.That(_identity.GuestGetIdCalls, Is.EqualTo(1));
        Assert.That(_identity.GetIdCalls, Is.Zero);
    }

    [Test]
    public async Task SendAsync_UnauthenticatedCallerWithBearer_NeverReachesTheIdentityPool()
    {
        await using var provider = Build();
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + IdToken("anonymous");
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("the caller is not authenticated"));
        Assert.That(_identity.GetIdCalls + _identity.GuestGetIdCalls, Is.Zero);
        Assert.That(_served, Is.Zero);
    }

    [Test]
    public async Task SendAsync_OutsideAnyRequest_ThrowsNotSignedInAndSendsNothing()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("HttpContext is null"));
        Assert.That(_served, Is.Zero);
    }

    [Test]
    public async Task SendAsync_IdentityPoolRefusesCallersToken_ThrowsNotSignedInAndOtherCallersStillWork()
    {
        await using var provider = Build();
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("iam");
        var revoked = IdToken("revoked");
        _identity.RefusedIdTokens.Add(revoked);

        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer " + revoked);
        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));
        var good = IdToken("good");
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer " + good);
        using var response = await client.GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(ex!.Message, Does.Contain("sign in again").And.Not.Contain(revoked));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith(_identity.IssuedByIdToken[good] + "|"));
        Assert.That(_served, Is.EqualTo(1));
    }

    private string IdToken(string caller) =>
        TestJwt.Create(_time.GetUtcNow().AddHours(1), $"sub-{caller}", "id", caller);

    private async Task<ConcurrentQueue<string>> RunCallersAsync(ServiceProvider provider, int callers, int iterations, Func<string, string> expectedKey)
    {
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failures = new ConcurrentQueue<string>();
        var tasks = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            var token = IdToken($"caller-{caller}");
            accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer " + token);
            await start.Task;
            for (var n = 0; n < iterations; n++)
            {
                using var response = await factory.CreateClient("iam").GetAsync(new Uri($"items?caller={caller}&n={n}", UriKind.Relative));
                var seen = await response.Content.ReadAsStringAsync();
                var expected = expectedKey(token);
                if (!seen.StartsWith(expected + "|", StringComparison.Ordinal))
                {
                    failures.Enqueue($"caller {caller} iteration {n}: signed as '{seen}', expected access key '{expected}'");
                }
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(tasks);
        return failures;
    }

    private async Task<HttpResponseMessage> EchoSignatureAsync(HttpRequestMessage request)
    {
        Interlocked.Increment(ref _served);

        // Let other callers run while this request is in flight.
        await Task.Yield();
        var authorization = request.Headers.GetValues("Authorization").Single();
        var accessKey = authorization.Split("Credential=")[1].Split('/')[0];
        var sessionToken = request.Headers.GetValues("X-Amz-Security-Token").Single();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent($"{accessKey}|{sessionToken}") };
    }

    private ServiceProvider Build(Action<CognitoIdentityPoolOptions>? configurePool = null, Action<AmplifyAuthHandlers.AspNetCore.AmplifyCallerTokenForwardingOptions>? forwarding = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddAmplifyRestApi(options =>
        {
            options.AddEndpoint("iam", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            options.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client" };
            options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:pool-guid" };
            configurePool?.Invoke(options.Auth.IdentityPool);
        });
        services.AddAmplifyCallerTokenForwarding(forwarding);
        builder.Endpoint("iam").ConfigurePrimaryHttpMessageHandler(() => _api);
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _identity);
        services.AddHttpClient(AmplifyHttpClientNames.SecurityTokenService).ConfigurePrimaryHttpMessageHandler(() => _sts);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// An identity pool that gives every ID token its own identity and its own credentials, and refuses (as Cognito
    /// does) a call whose identity does not belong to the Logins token it carries.
    /// </summary>
    private sealed class CallerIdentityPool(FakeTimeProvider time) : HttpMessageHandler
    {
        private readonly ConcurrentDictionary<string, int> _serials = new(StringComparer.Ordinal);
        private int _serial;
        private int _getId;
        private int _guestGetId;
        private int _getCredentials;
        private int _crossed;

        public ConcurrentDictionary<string, string> IssuedByIdToken { get; } = new(StringComparer.Ordinal);

        public ConcurrentBag<string> RefusedIdTokens { get; } = [];

        public const string GuestAccessKey = "ASIAGUEST";

        public int GetIdCalls => Volatile.Read(ref _getId);

        public int GuestGetIdCalls => Volatile.Read(ref _guestGetId);

        public int GetCredentialsCalls => Volatile.Read(ref _getCredentials);

        public int CrossedLogins => Volatile.Read(ref _crossed);

        public string OpenIdTokenFor(string idToken) => $"openid.{IdentityOf(idToken)}";

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Yield();
            var target = request.Headers.GetValues("X-Amz-Target").Single();
            var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
            var idToken = body["Logins"]?[ProviderName]?.GetValue<string>();
            if (body["Logins"] is not JsonObject { Count: > 0 })
            {
                // The guest: an unauthenticated identity and the guest role's credentials.
                if (target.EndsWith(".GetId", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _guestGetId);
                    return Json(new JsonObject { ["IdentityId"] = "us-west-2:guest" });
                }

                return Json(new JsonObject
                {
                    ["IdentityId"] = "us-west-2:guest",
                    ["Credentials"] = new JsonObject
                    {
                        ["AccessKeyId"] = GuestAccessKey,
                        ["SecretKey"] = "guest-secret",
                        ["SessionToken"] = "guest-session",
                        ["Expiration"] = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
                    },
                });
            }

            if (idToken is null || RefusedIdTokens.Contains(idToken))
            {
                return Error("NotAuthorizedException", "Invalid login token.");
            }

            if (target.EndsWith(".GetId", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _getId);
                return Json(new JsonObject { ["IdentityId"] = IdentityOf(idToken) });
            }

            var identityId = body["IdentityId"]!.GetValue<string>();
            if (identityId != IdentityOf(idToken))
            {
                Interlocked.Increment(ref _crossed);
                return Error("NotAuthorizedException", "Logins don't match.");
            }

            if (target.EndsWith(".GetOpenIdToken", StringComparison.Ordinal))
            {
                return Json(new JsonObject { ["IdentityId"] = identityId, ["Token"] = OpenIdTokenFor(idToken) });
            }

            var n = Interlocked.Increment(ref _getCredentials);
            var accessKey = string.Create(CultureInfo.InvariantCulture, $"ASIACALLER{n}");
            IssuedByIdToken[idToken] = accessKey;
            return Json(new JsonObject
            {
                ["IdentityId"] = identityId,
                ["Credentials"] = new JsonObject
                {
                    ["AccessKeyId"] = accessKey,
                    ["SecretKey"] = $"secret-{n}",
                    ["SessionToken"] = $"session-{n}",
                    ["Expiration"] = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds(),
                },
            });
        }

        private string IdentityOf(string idToken) =>
            string.Create(CultureInfo.InvariantCulture, $"us-west-2:caller-{_serials.GetOrAdd(idToken, _ => Interlocked.Increment(ref _serial))}");

        private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };

        private static HttpResponseMessage Error(string type, string message) => new(HttpStatusCode.BadRequest)
        {
            Content = new StringContent(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
    }
}
