using System.Net;
using AmplifyAuthHandlers.AwsSdk;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

/// <summary>AWS_IAM endpoints end to end through a real ServiceCollection: every credential source, guest and signed-in roles.</summary>
[TestFixture]
public sealed class AwsIamEndpointTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;

    private FakeTimeProvider _time = null!;
    private FakeCognitoIdentity _identity = null!;
    private FakeCognitoUserPool _userPool = null!;
    private FakeSecurityTokenService _sts = null!;
    private MockHttpMessageHandler _api = null!;
    private List<HttpRequestMessage> _sent = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _identity = new FakeCognitoIdentity { Now = () => _time.GetUtcNow() };
        _userPool = new FakeCognitoUserPool { Now = () => _time.GetUtcNow() };
        _sts = new FakeSecurityTokenService { Now = () => _time.GetUtcNow() };
        _api = AmplifyTestHost.NewMock();
        _sent = [];
        _api.When(Stage + "/*").With(r => { _sent.Add(RequestSnapshot.Of(r)); return true; }).Respond(HttpStatusCode.OK);
    }

    [TearDown]
    public void TearDown()
    {
        _identity.Dispose();
        _userPool.Dispose();
        _sts.Dispose();
        _api.Dispose();
    }

    private ServiceProvider Build(Action<AmplifyRestApiOptions> configure, Action<IAmplifyRestApiBuilder>? more = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("items", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            configure(o);
        });
        return Finish(services, builder, more);
    }

    private ServiceProvider Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        return Finish(services, services.AddAmplifyRestApi(configuration), null);
    }

    private ServiceProvider Finish(ServiceCollection services, IAmplifyRestApiBuilder builder, Action<IAmplifyRestApiBuilder>? more)
    {
        services.AddSingleton<TimeProvider>(_time);
        builder.Endpoint("items").ConfigurePrimaryHttpMessageHandler(() => _api);
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _identity);
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentityProvider).ConfigurePrimaryHttpMessageHandler(() => _userPool);
        services.AddHttpClient(AmplifyHttpClientNames.SecurityTokenService).ConfigurePrimaryHttpMessageHandler(() => _sts);
        more?.Invoke(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static IConfiguration BasicFlowConfiguration(string? stsEndpoint = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:items:Endpoint"] = Stage,
            ["Amplify:Endpoints:items:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Auth:IdentityPool:PoolId"] = "us-west-2:00000000-0000-0000-0000-000000000000",
            ["Amplify:Auth:IdentityPool:UnauthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/Pool_Unauth_Role",
            ["Amplify:Auth:IdentityPool:AuthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/Pool_Auth_Role",
            ["Amplify:Auth:UserPool:PoolId"] = "us-west-2_pool",
            ["Amplify:Auth:UserPool:AppClientId"] = "client",
            ["Amplify:Auth:UserPool:AuthenticationFlowType"] = "USER_PASSWORD_AUTH",
        };
        if (stsEndpoint is not null)
        {
            values["Amplify:Auth:IdentityPool:StsEndpoint"] = stsEndpoint;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Amplify");
    }

    private static void IdentityPool(AmplifyRestApiOptions o) =>
        o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:00000000-0000-0000-0000-000000000000" };

    private static string AuthorizationOf(HttpRequestMessage request) => request.Headers.GetValues("Authorization").Single();

    private static string AccessKeyOf(HttpRequestMessage request) =>
        AuthorizationOf(request).Split("Credential=")[1].Split('/')[0];

    [Test]
    public async Task GetAsync_StaticCredentials_SignsForExecuteApiInTheHostsRegion()
    {
        await using var provider = Build(o =>
        {
            o.Credentials.AccessKeyId = "AKIDSTATIC";
            o.Credentials.SecretAccessKey = "static-secret";
        });

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");

        var request = _sent.Single();
        Assert.Multiple(() =>
        {
            Assert.That(AuthorizationOf(request), Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDSTATIC/20261126/us-west-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature="));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261126T120000Z"));
            Assert.That(request.Headers.Contains("X-Amz-Security-Token"), Is.False);
        });
    }

    [Test]
    public async Task GetAsync_IdentityPoolGuest_SignsWithUnauthenticatedRoleCredentials()
    {
        await using var provider = Build(IdentityPool);

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");

        var request = _sent.Single();
        Assert.That(AccessKeyOf(request), Does.EndWith("GUEST"));
        Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Single(), Is.EqualTo("session-1"));
    }

    [Test]
    public async Task GetAsync_AfterSignIn_SwitchesToAuthenticatedRoleAndBackAfterSignOut()
    {
        await using var provider = Build(o =>
        {
            IdentityPool(o);
            o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client", AuthenticationFlowType = "USER_PASSWORD_AUTH" };
        });
        var api = provider.GetRequiredService<IAmplifyRestApi>();
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        (await api.GetAsync("items", "/a")).Dispose();
        await auth.SignInAsync("user-1", "correct horse");
        (await api.GetAsync("items", "/b")).Dispose();
        await auth.SignOutAsync();
        (await api.GetAsync("items", "/c")).Dispose();

        Assert.That(_sent.Select(AccessKeyOf).Select(k => k.EndsWith("AUTH", StringComparison.Ordinal) && !k.EndsWith("GUEST", StringComparison.Ordinal)), Is.EqualTo(new[] { false, true, false }));
        var authenticatedCalls = _identity.Requests.Where(r => r["Logins"] is not null).ToList();
        Assert.That(authenticatedCalls, Has.Count.EqualTo(2), "GetId and GetCredentialsForIdentity of the signed-in user");
        Assert.That(authenticatedCalls.Select(r => r["Logins"]!["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"]!.GetValue<string>()), Has.All.Contains("."), "the user's ID token (a JWT)");
    }

    [Test]
    public async Task GetAsync_RoleArnsConfigured_SignsWithStsCredentialsOfTheUnauthenticatedRole()
    {
        await using var provider = Build(BasicFlowConfiguration());

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");

        var request = _sent.Single();
        var sts = _sts.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(AuthorizationOf(request), Does.StartWith("AWS4-HMAC-SHA256 Credential=ASIASTS1-Pool_Unauth_Role/20261126/us-west-2/execute-api/aws4_request, "));
            Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Single(), Is.EqualTo("sts-session-1"));
            Assert.That(_sts.RequestUris.Single(), Is.EqualTo(new Uri("https://sts.us-west-2.amazonaws.com/")), "the identity pool's regional STS");
            Assert.That(sts["RoleArn"], Is.EqualTo("arn:aws:iam::123456789012:role/Pool_Unauth_Role"));
            Assert.That(sts["WebIdentityToken"], Does.StartWith("openid.us-west-2:identity-1-guest."));
            Assert.That((_identity.GetIdCalls, _identity.GetOpenIdTokenCalls, _identity.GetCredentialsCalls), Is.EqualTo((1, 1, 0)));
        });
    }

    [Test]
    public async Task GetAsync_RoleArnsConfiguredAfterSignIn_SignsWithTheAuthenticatedRolesStsCredentials()
    {
        _sts.ServiceUri = new Uri("http://127.0.0.1:4566/");
        await using var provider = Build(BasicFlowConfiguration(stsEndpoint: "http://127.0.0.1:4566/"));
        var api = provider.GetRequiredService<IAmplifyRestApi>();

        (await api.GetAsync("items", "/a")).Dispose();
        await provider.GetRequiredService<IAmplifyAuth>().SignInAsync("user-1", "correct horse");
        (await api.GetAsync("items", "/b")).Dispose();

        Assert.That(_sent.Select(AccessKeyOf), Is.EqualTo(new[] { "ASIASTS1-Pool_Unauth_Role", "ASIASTS2-Pool_Auth_Role" }));
        Assert.That(_sts.RequestUris, Has.All.EqualTo(new Uri("http://127.0.0.1:4566/")));
        var openIdCalls = _identity.Requests.Where(r => r.ContainsKey("IdentityId") && r["Logins"] is not null).ToList();
        Assert.That(openIdCalls.Single()["Logins"]!["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"]!.GetValue<string>(), Does.Contain("."), "GetOpenIdToken carries the user's ID token");
    }

    [Test]
    public async Task GetAsync_StsRefusesRole_ThrowsWithStsCodeAndSendsNothing()
    {
        _sts.Refuse = (HttpStatusCode.Forbidden, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
        await using var provider = Build(BasicFlowConfiguration());

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list"));

        Assert.That(ex!.ErrorCode, Is.EqualTo("AccessDenied"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public async Task GetAsync_GuestAccessDisabled_ThrowsAndSendsNothing()
    {
        _identity.GuestAccessDisabled = true;
        await using var provider = Build(IdentityPool);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list"));

        Assert.That(ex!.ErrorCode, Is.EqualTo("NotAuthorizedException"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public async Task GetAsync_RegisteredProviderForEndpoint_WinsOverIdentityPool()
    {
        await using var provider = Build(IdentityPool, b => b.AddAwsCredentialsProvider(new StaticAwsCredentialsProvider(new AwsCredentials("AKIDMINE", "s")), "items"));

        (await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list")).Dispose();

        Assert.That(AccessKeyOf(_sent.Single()), Is.EqualTo("AKIDMINE"));
        Assert.That(_identity.GetIdCalls, Is.Zero);
    }

    [Test]
    public async Task GetAsync_CallerSetAuthorization_IsSentAsIsWithoutFetchingCredentials()
    {
        await using var provider = Build(IdentityPool);
        var options = new AmplifyRequestOptions();
        options.Headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=CALLER/...";

        (await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list", options)).Dispose();

        Assert.That(AuthorizationOf(_sent.Single()), Is.EqualTo("AWS4-HMAC-SHA256 Credential=CALLER/..."));
        Assert.That(_identity.GetIdCalls, Is.Zero);
    }

    [Test]
    public async Task CreateHandler_IamEndpoint_ChainOrderIsLocked()
    {
        await using var provider = Build(IdentityPool, b => b.Endpoint("items").AddHttpMessageHandler(() => new RecordingHandler()));

        var names = HandlerPipeline.Names(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("items"));

        var expected = new[] { nameof(RecordingHandler), "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "CredentialsHandler", "SigV4SigningHandler", nameof(MockHttpMessageHandler) };
        Assert.That(names.Where(expected.Contains), Is.EqualTo(expected), string.Join(" > ", names));
        Assert.That(names.SkipWhile(n => n != "SigV4SigningHandler").Skip(1), Is.EqualTo(new[] { nameof(MockHttpMessageHandler) }), "the signer is innermost");
        Assert.That(names, Has.No.Member("ApiKeyHandler"), "an endpoint without a key has no API-key handler to run");
    }

    [Test]
    public void Validate_IamWithoutAnyCredentialSource_ListsTheWaysToFixIt()
    {
        using var provider = Build(_ => { });

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("items"));

        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain("identity pool").And.Contain("AccessKeyId").And.Contain("IAwsCredentialsProvider"));
    }

    [Test]
    public void Validate_SdkChainOnButNoChainRegistered_NamesThePackageThatProvidesIt()
    {
        using var provider = Build(o => o.Credentials.UseAwsSdkCredentialChain = true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("items"));

        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain("UseAwsSdkCredentialChain").And.Contain("AmplifyAuthHandlers.AwsSdk").And.Contain("UseAwsSdkCredentials()"));
    }

    [Test]
    public async Task GetAsync_CredentialChainRegistered_SignsWithItWhenNothingElseIsConfigured()
    {
        var created = 0;
        await using var provider = Build(_ => { }, b => b.UseAwsCredentialChain(_ =>
        {
            created++;
            return new StaticAwsCredentialsProvider(new AwsCredentials("AKIDCHAIN", "chain-secret"));
        }));

        using var first = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");
        using var second = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");

        Assert.That(_sent.Select(AccessKeyOf), Is.EqualTo(new[] { "AKIDCHAIN", "AKIDCHAIN" }));
        Assert.That(created, Is.EqualTo(1));
    }

    [Test]
    public void GetAsync_UserChainProviderWhoseToStringPrintsItsSecret_ErrorNamesItsTypeNotItsText()
    {
        using var provider = Build(_ => { }, b => b.UseAwsCredentialChain(_ => new TalkativeProvider()));

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list"));

        Assert.That(ex!.Message, Does.Contain(typeof(TalkativeProvider).FullName!).And.Not.Contain("talkative-secret"));
    }

    [Test]
    public async Task GetAsync_CredentialChainAndStaticKeys_StaticKeysWin()
    {
        await using var provider = Build(
            o =>
            {
                o.Credentials.AccessKeyId = "AKIDSTATIC";
                o.Credentials.SecretAccessKey = "static-secret";
            },
            b => b.UseAwsCredentialChain(_ => new StaticAwsCredentialsProvider(new AwsCredentials("AKIDCHAIN", "chain-secret"))));

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("items", "/list");

        Assert.That(AccessKeyOf(_sent.Single()), Is.EqualTo("AKIDSTATIC"));
    }

    [Test]
    public void UseAwsSdkCredentials_RegistersTheSdkChainAsTheSource()
    {
        using var provider = Build(_ => { }, b => b.UseAwsSdkCredentials());

        Assert.That(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("items"), Throws.Nothing);
        Assert.That(provider.GetRequiredService<AwsCredentialChainRegistration>().Create(provider), Is.InstanceOf<AwsSdkCredentialsProvider>());
    }

    [Test]
    public async Task SendAsync_RetriedByOuterResilienceHandler_CarriesOneFreshSignature()
    {
        var attempts = 0;
        _api.Clear();
        _api.When(Stage + "/*").With(r => { _sent.Add(RequestSnapshot.Of(r)); return true; }).Respond(_ => new HttpResponseMessage(++attempts == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK));
        await using var provider = Build(
            o =>
            {
                o.Credentials.AccessKeyId = "AKIDSTATIC";
                o.Credentials.SecretAccessKey = "static-secret";
                o.Endpoints["items"].Resilience.Enabled = false; // only the outer handler's retry, which this test is about
            },
            b => b.Endpoint("items").AddStandardResilienceHandler(r => r.Retry.Delay = TimeSpan.Zero));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("items");
        var signatures = new List<string>();
        _api.Clear();
        _api.When(Stage + "/*").Respond(request =>
        {
            signatures.Add(string.Join("|", request.Headers.GetValues("Authorization")));
            _time.Advance(TimeSpan.FromSeconds(1));
            return new HttpResponseMessage(signatures.Count == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        });

        using var response = await client.GetAsync("/list");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(signatures, Has.Count.EqualTo(2));
        Assert.That(signatures, Has.All.Not.Contain("|"), "exactly one Authorization value per attempt");
        Assert.That(signatures[1], Is.Not.EqualTo(signatures[0]), "the retry is signed afresh");
    }

    /// <summary>A user's provider whose ToString prints its secret, and whose credentials are empty (refused).</summary>
    private sealed class TalkativeProvider : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new AwsCredentials("AKIDTALK", " "));

        public override string ToString() => "TalkativeProvider(secret=talkative-secret)";
    }
}
