using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using AmplifyAuthHandlers.AspNetCore;
using AmplifyAuthHandlers.Tests.Auth;
using AmplifyAuthHandlers.Tests.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class AmplifyCallerTokenForwardingServiceCollectionExtensionsTests
{
    private const string PoolUri = "https://pool.example.com/prod/me";
    private const string OidcUri = "https://oidc.example.com/prod/me";

    private MockHttpMessageHandler _mockHttp = null!;

    [SetUp]
    public void SetUp()
    {
        _mockHttp = new MockHttpMessageHandler();
        _mockHttp.Fallback.Throw(new InvalidOperationException("No request was expected here."));
    }

    [TearDown]
    public void TearDown() => _mockHttp.Dispose();

    [TestCase(false, "token-a")]
    [TestCase(true, "Bearer token-a")]
    public async Task SendAsync_UserPoolEndpoint_ForwardsCallerTokenWithoutItsScheme(bool bearerPrefix, string expected)
    {
        _mockHttp.Expect(HttpMethod.Get, PoolUri).With(r => TokenHandlerTests.AuthorizationOf(r) == expected).Respond(HttpStatusCode.OK);
        using var provider = Build(pool => pool.BearerPrefix = bearerPrefix);
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = Caller("Bearer token-a");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("pool").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_OidcEndpoint_ForwardsCallerToken()
    {
        _mockHttp.Expect(HttpMethod.Get, OidcUri).With(r => TokenHandlerTests.AuthorizationOf(r) == "token-b").Respond(HttpStatusCode.OK);
        using var provider = Build();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = Caller("bearer token-b");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("oidc").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_OidcEndpointWithItsOwnProvider_ProviderWinsOverForwarding()
    {
        _mockHttp.Expect(HttpMethod.Get, OidcUri).With(r => TokenHandlerTests.AuthorizationOf(r) == "first-token").Respond(HttpStatusCode.OK);
        using var provider = Build(configureBuilder: builder => builder.AddOidcTokenProvider<RecordingTokenProvider>(), forwardFirst: true);
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = Caller("Bearer token-c");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("oidc").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("pool", "Endpoint 'pool' (AMAZON_COGNITO_USER_POOLS)")]
    [TestCase("oidc", "HttpContext is null")]
    public void SendAsync_OutsideAnyRequest_ThrowsNotSignedInBeforeSending(string endpoint, string expected)
    {
        using var provider = Build();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(endpoint);

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("me", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain(expected).And.Contain("not sent"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("pool", null, true, "has no 'Authorization' header (the caller must send 'Authorization: Bearer <token>')")]
    [TestCase("oidc", null, true, "has no 'Authorization' header (the caller must send 'Authorization: Bearer <token>')")]
    [TestCase("pool", "Basic dXNlcjpwYXNz", true, "'Authorization' header is not a 'Bearer' token")]
    [TestCase("oidc", "Basic dXNlcjpwYXNz", true, "'Authorization' header is not a 'Bearer' token")]
    [TestCase("pool", "Bearer token-a", false, "the caller is not authenticated (HttpContext.User.Identity.IsAuthenticated is false)")]
    [TestCase("oidc", "Bearer token-a", false, "the caller is not authenticated (HttpContext.User.Identity.IsAuthenticated is false)")]
    public void SendAsync_ForwardingRegisteredButNoUsableToken_SaysWhatIsMissingOnTheRequest(string endpoint, string? authorization, bool authenticated, string expected)
    {
        using var provider = Build();
        var context = Caller(authorization);
        if (!authenticated)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(endpoint);

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("me", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain(expected).And.Contain("not sent").And.Contain("AddAmplifyCallerTokenForwarding()"));
        Assert.That(ex.Message, Does.Not.Contain("Sign a user in first").And.Not.Contain("forward the caller's token with").And.Not.Contain("dXNlcjpwYXNz"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_UserPoolEndpointOutsideAnyRequest_SaysThereIsNoRequest()
    {
        using var provider = Build();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("pool");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("me", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'pool' (AMAZON_COGNITO_USER_POOLS)").And.Contain("HttpContext is null").And.Not.Contain("Sign a user in first"));
    }

    [Test]
    public async Task SendAsync_UnauthenticatedCallerAndRequirementOff_ForwardsTheToken()
    {
        _mockHttp.Expect(HttpMethod.Get, PoolUri).With(r => TokenHandlerTests.AuthorizationOf(r) == "token-a").Respond(HttpStatusCode.OK);
        using var provider = Build(configureForwarding: o => o.RequireAuthenticatedCaller = false);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer token-a";
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = context;

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("pool").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("pool")]
    [TestCase("oidc")]
    public async Task SendAsync_IncomingBasicCredentials_AreNeverForwarded(string endpoint)
    {
        using var provider = Build();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = Caller("Basic dXNlcjpwYXNzd29yZA==");
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(endpoint);

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("me", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Not.Contain("dXNlcjpwYXNzd29yZA"));
        _mockHttp.VerifyNoOutstandingExpectation();
        await Task.CompletedTask;
    }

    [Test]
    public async Task SendAsync_CustomHeaderWithoutScheme_ForwardsTheHeaderValue()
    {
        _mockHttp.Expect(HttpMethod.Get, PoolUri).With(r => TokenHandlerTests.AuthorizationOf(r) == "token-d").Respond(HttpStatusCode.OK);
        using var provider = Build(configureForwarding: options =>
        {
            options.HeaderName = "X-Caller-Token";
            options.Scheme = null;
        });
        var caller = new DefaultHttpContext { User = AuthenticatedUser() };
        caller.Request.Headers["X-Caller-Token"] = "token-d";
        caller.Request.Headers.Authorization = "Bearer not-this-one";
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = caller;

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("pool").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_Unauthorized_ReturnsItWithoutRetryingTheSameToken()
    {
        _mockHttp.Expect(HttpMethod.Get, PoolUri).With(r => TokenHandlerTests.AuthorizationOf(r) == "token-e").Respond(HttpStatusCode.Unauthorized);
        using var provider = Build();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = Caller("Bearer token-e");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("pool").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_ConcurrentCallers_EachOnlyEverForwardsItsOwnToken()
    {
        const int Callers = 6;
        const int Iterations = 150;
        var served = 0;
        Task<HttpResponseMessage> Echo(HttpRequestMessage request)
        {
            Interlocked.Increment(ref served);
            return EchoAsync(request);
        }

        _mockHttp.When(HttpMethod.Get, "https://pool.example.com/prod/*").Respond(Echo);
        _mockHttp.When(HttpMethod.Get, "https://oidc.example.com/prod/*").Respond(Echo);
        using var provider = Build();
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrong = new ConcurrentQueue<string>();

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            var token = $"caller-{caller}-token";
            accessor.HttpContext = Caller("Bearer " + token);
            await start.Task;
            for (var n = 0; n < Iterations; n++)
            {
                var endpoint = (n + caller) % 2 == 0 ? "pool" : "oidc";
                using var response = await factory.CreateClient(endpoint).GetAsync(new Uri($"me?n={n}", UriKind.Relative));
                var seen = await response.Content.ReadAsStringAsync();
                if (seen != token)
                {
                    wrong.Enqueue($"caller {caller} sent '{seen}' to {endpoint} on iteration {n}");
                }
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(callers);

        Assert.That(wrong, Is.Empty);
        Assert.That(served, Is.EqualTo(Callers * Iterations));
    }

    [Test]
    public void Options_InvalidHeaderName_FailValidation()
    {
        using var provider = Build(configureForwarding: options => options.HeaderName = "Bad Header:");

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyCallerTokenForwardingOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("HeaderName"));
    }

    [Test]
    public async Task AddAmplifyCallerTokenForwarding_CalledTwice_AppliesBothConfigurationsOnce()
    {
        var services = new ServiceCollection();
        services.AddAmplifyCallerTokenForwarding(options => options.HeaderName = "X-One");
        services.AddAmplifyCallerTokenForwarding(options => options.Scheme = null);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var options = provider.GetRequiredService<IOptions<AmplifyCallerTokenForwardingOptions>>().Value;

        Assert.That((options.HeaderName, options.Scheme), Is.EqualTo(("X-One", (string?)null)));
        Assert.That(services.Count(d => d.ServiceType == typeof(CallerTokenReader)), Is.EqualTo(1));
        await Task.CompletedTask;
    }

    /// <summary>A request the app's authentication middleware accepted, carrying <paramref name="authorization"/>.</summary>
    internal static DefaultHttpContext Caller(string? authorization)
    {
        var context = new DefaultHttpContext { User = AuthenticatedUser() };
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }

    internal static ClaimsPrincipal AuthenticatedUser() => new(new ClaimsIdentity([new Claim("sub", "caller")], "Test"));

    private static async Task<HttpResponseMessage> EchoAsync(HttpRequestMessage request)
    {
        // Let other callers run while this request is in flight.
        await Task.Yield();
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TokenHandlerTests.AuthorizationOf(request) ?? "(none)") };
    }

    private ServiceProvider Build(
        Action<AmplifyRestEndpointOptions>? configurePool = null,
        Action<AmplifyCallerTokenForwardingOptions>? configureForwarding = null,
        Action<IAmplifyRestApiBuilder>? configureBuilder = null,
        bool forwardFirst = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<RecordingTokenProvider>();
        if (forwardFirst)
        {
            services.AddAmplifyCallerTokenForwarding(configureForwarding);
        }

        var builder = services.AddAmplifyRestApi(options =>
        {
            var pool = options.AddEndpoint("pool", new Uri("https://pool.example.com/prod"), AmplifyAuthorizationType.AmazonCognitoUserPools);
            configurePool?.Invoke(pool);
            options.AddEndpoint("oidc", new Uri("https://oidc.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect);
        });
        if (!forwardFirst)
        {
            services.AddAmplifyCallerTokenForwarding(configureForwarding);
        }

        configureBuilder?.Invoke(builder);
        builder.Endpoint("pool").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        builder.Endpoint("oidc").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
