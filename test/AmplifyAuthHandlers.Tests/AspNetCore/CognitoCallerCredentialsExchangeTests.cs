using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CognitoCallerCredentialsExchangeTests
{
    private const string CognitoUri = "https://cognito-identity.us-east-1.amazonaws.com/";
    private const string ProviderName = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1";

    private MockHttpMessageHandler _cognito = null!;
    private FakeTimeProvider _time = null!;
    private ConcurrentQueue<(string Target, JsonObject Body)> _calls = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _calls = new ConcurrentQueue<(string, JsonObject)>();
        _cognito = new MockHttpMessageHandler();
        _cognito.Fallback.Throw(new InvalidOperationException("No request was expected here."));
    }

    [TearDown]
    public void TearDown() => _cognito.Dispose();

    [Test]
    public async Task GetCredentialsAsync_Caller_ExchangesItsIdTokenOnceAndCachesPerCaller()
    {
        _cognito.When(HttpMethod.Post, CognitoUri).Respond(IdentityPoolAsync);
        using var provider = Build();
        var credentials = provider.GetRequiredService<IAwsCredentialsProvider>();
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();

        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-a");
        var first = await credentials.GetCredentialsAsync();
        var again = await credentials.GetCredentialsAsync();
        accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-b");
        var other = await credentials.GetCredentialsAsync();

        Assert.That((first.AccessKeyId, again.AccessKeyId, other.AccessKeyId), Is.EqualTo(("AKID-id-a", "AKID-id-a", "AKID-id-b")));
        Assert.That(first.Expiration, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
        var calls = _calls.ToArray();
        Assert.That(calls.Select(c => c.Target), Is.EqualTo(new[]
        {
            "AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetCredentialsForIdentity",
            "AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetCredentialsForIdentity",
        }));
        Assert.That(calls[0].Body["IdentityPoolId"]!.GetValue<string>(), Is.EqualTo("us-east-1:pool-guid"));
        Assert.That(calls[0].Body["Logins"]![ProviderName]!.GetValue<string>(), Is.EqualTo("id-a"));
        Assert.That(calls[1].Body["Logins"]![ProviderName]!.GetValue<string>(), Is.EqualTo("id-a"));
        Assert.That(calls[1].Body["IdentityId"]!.GetValue<string>(), Is.EqualTo("us-east-1:identity-id-a"));
    }

    [Test]
    public void GetCredentialsAsync_IdentityPoolRefusesToken_ThrowsNotSignedInWithoutTheToken()
    {
        _cognito.When(HttpMethod.Post, CognitoUri).Respond(HttpStatusCode.BadRequest, "application/x-amz-json-1.1",
            "{\"__type\":\"NotAuthorizedException\",\"message\":\"Invalid login token. Token expired.\"}");
        using var provider = Build();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer expired-id-token");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(async () => await provider.GetRequiredService<IAwsCredentialsProvider>().GetCredentialsAsync());

        Assert.That(ex!.Message, Does.Contain("us-east-1:pool-guid").And.Contain("sign in again").And.Not.Contain("expired-id-token"));
    }

    [Test]
    public void Options_IamEndpointWithoutIdentityPool_FailValidation()
    {
        using var provider = Build(identityPool: false, iamEndpoint: true);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptionsMonitor<AmplifyRestApiOptions>>().CurrentValue);

        Assert.That(ex!.Failures, Has.Some.StartsWith("AWS_IAM endpoint 'iam': AddAmplifyCallerTokenForwarding() exchanges the caller's ID token").And.Contain("identity pool"));
    }

    [Test]
    public void GetCredentialsAsync_IdentityPoolServiceError_ThrowsUnavailableWithTheCodeAndNotTheToken()
    {
        _cognito.When(HttpMethod.Post, CognitoUri).Respond(HttpStatusCode.BadRequest, "application/x-amz-json-1.1",
            "{\"__type\":\"ResourceNotFoundException\",\"message\":\"IdentityPool 'us-east-1:pool-guid' not found.\"}");
        using var provider = Build();
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-secret");

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(async () => await provider.GetRequiredService<IAwsCredentialsProvider>().GetCredentialsAsync());

        Assert.That(ex!.Message, Does.StartWith("Identity pool 'us-east-1:pool-guid' did not issue credentials for the caller (ResourceNotFoundException: ")
            .And.Contain("not found.").And.Not.Contain("id-secret"));
        Assert.That(ex.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
        Assert.That(ex.InnerException, Is.TypeOf<CognitoServiceException>());
    }

    [Test]
    public async Task GetCredentialsAsync_IdentityPoolEndpointOverride_IsWhereTheExchangeGoes()
    {
        const string Override = "http://127.0.0.1:9229/cognito/";
        _cognito.When(HttpMethod.Post, Override).Respond(IdentityPoolAsync);
        using var provider = Build(configurePool: p => p.Endpoint = new Uri(Override));
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-a");

        var credentials = await provider.GetRequiredService<IAwsCredentialsProvider>().GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("AKID-id-a"));
        Assert.That(_calls, Has.Count.EqualTo(2), "GetId and GetCredentialsForIdentity, both at the override");
    }

    [Test]
    public async Task GetCredentialsAsync_BasicFlowStsRetries_WaitOnTheHostsTimeProvider()
    {
        var clock = new RetryDelayTimeProvider();
        using var sts = new FakeSecurityTokenService
        {
            Now = clock.GetUtcNow,
            ServiceUri = new Uri("https://sts.us-east-1.amazonaws.com/"),
            Refuse = (HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "Try again later."),
        };
        _cognito.When(HttpMethod.Post, CognitoUri).Respond(IdentityPoolAsync);
        using var provider = Build(configurePool: p => p.AuthenticatedRoleArn = "arn:aws:iam::123456789012:role/Pool_Auth_Role", time: clock, sts: sts);
        provider.GetRequiredService<IHttpContextAccessor>().HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller("Bearer id-a");

        var fetch = provider.GetRequiredService<IAwsCredentialsProvider>().GetCredentialsAsync().AsTask();
        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(async () => await clock.CompleteAsync(fetch));

        Assert.That(ex!.Message, Does.Contain("ServiceUnavailable"));
        Assert.That(sts.Calls, Is.GreaterThan(1), "a 503 from STS is retried");
        Assert.That(clock.DelaysPassed, Has.Count.EqualTo(sts.Calls - 1), "each back-off is timed by the host's TimeProvider, not the system clock");
        Assert.That(_calls.Select(c => c.Target), Is.EqualTo(new[] { "AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetOpenIdToken" }));
    }

    [Test]
    public void ExchangeAsync_NoIdentityPool_ThrowsUnavailableNamingWhatIsMissing()
    {
        using var provider = Build(identityPool: false);
        var exchange = provider.GetRequiredService<ICallerCredentialsExchange>();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(async () => await exchange.ExchangeAsync("id-a", CancellationToken.None));

        Assert.That(ex!.Message, Does.StartWith("AddAmplifyCallerTokenForwarding() exchanges the caller's ID token for AWS_IAM endpoints, which needs an identity pool with a region"));
        Assert.That(_calls, Is.Empty);
    }

    [TestCase("us-east-1_Pool1", null, "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool1")]
    [TestCase("cn-north-1_Pool1", null, "cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_Pool1")]
    [TestCase("Pool1", "eu-west-1", "cognito-idp.eu-west-1.amazonaws.com/Pool1")]
    [TestCase("Pool1", null, null)]
    public void ProviderName_UserPool_IsTheIdentityPoolLoginKey(string poolId, string? region, string? expected) =>
        Assert.That(CognitoCallerCredentialsExchange.ProviderName(new CognitoUserPoolOptions { PoolId = poolId, Region = region }), Is.EqualTo(expected));

    private async Task<HttpResponseMessage> IdentityPoolAsync(HttpRequestMessage request)
    {
        var target = string.Join(",", request.Headers.GetValues("X-Amz-Target"));
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject();
        _calls.Enqueue((target, body));
        var idToken = body["Logins"]![ProviderName]!.GetValue<string>();
        var json = target.EndsWith(".GetId", StringComparison.Ordinal) ? $"{{\"IdentityId\":\"us-east-1:identity-{idToken}\"}}"
            : target.EndsWith(".GetOpenIdToken", StringComparison.Ordinal) ? $"{{\"IdentityId\":\"us-east-1:identity-{idToken}\",\"Token\":\"openid-{idToken}\"}}"
            : $"{{\"IdentityId\":\"us-east-1:identity-{idToken}\",\"Credentials\":{{\"AccessKeyId\":\"AKID-{idToken}\",\"SecretKey\":\"secret-{idToken}\",\"SessionToken\":\"session-{idToken}\",\"Expiration\":{_time.GetUtcNow().AddHours(1).ToUnixTimeSeconds()}}}}}";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
    }

    /// <summary>Main has no AWS_IAM handlers yet (the endpoint is refused), so only validation tests add one.</summary>
    private ServiceProvider Build(bool identityPool = true, bool iamEndpoint = false, Action<CognitoIdentityPoolOptions>? configurePool = null, TimeProvider? time = null, FakeSecurityTokenService? sts = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? _time);
        services.AddAmplifyRestApi(options =>
        {
            options.AddEndpoint(iamEndpoint ? "iam" : "open", new Uri("https://abc123.execute-api.us-east-1.amazonaws.com/prod"), iamEndpoint ? AmplifyAuthorizationType.AwsIam : AmplifyAuthorizationType.None);
            options.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_Pool1", AppClientId = "client" };
            if (identityPool)
            {
                options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:pool-guid" };
                configurePool?.Invoke(options.Auth.IdentityPool);
            }
        });
        services.AddAmplifyCallerTokenForwarding();
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _cognito);
        if (sts is not null)
        {
            services.AddHttpClient(AmplifyHttpClientNames.SecurityTokenService).ConfigurePrimaryHttpMessageHandler(() => sts);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
