using System.Collections.Concurrent;
using System.Net;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

/// <summary>
/// Each credentials builder method and the <c>Credentials:</c> configuration section, judged by their effect on the
/// wire: whose key signs the request, which logins reach Cognito, what the identity-ID store is given.
/// </summary>
[TestFixture]
public sealed class AmplifyCredentialsBuilderExtensionsTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string LoginsProvider = "cognito-idp.us-west-2.amazonaws.com/us-west-2_pool";

    private FakeTimeProvider _time = null!;
    private FakeCognitoIdentity _identity = null!;
    private ConcurrentQueue<HttpRequestMessage> _sent = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _identity = new FakeCognitoIdentity { Now = () => _time.GetUtcNow() };
        _sent = new ConcurrentQueue<HttpRequestMessage>();
    }

    [TearDown]
    public void TearDown() => _identity.Dispose();

    private AmplifyTestHost Host(IServiceCollection services, IAmplifyRestApiBuilder builder, params string[] endpoints)
    {
        services.AddSingleton<TimeProvider>(_time);
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _identity);
        var host = AmplifyTestHost.Build((ServiceCollection)services, builder, null, endpoints.Length == 0 ? ["items"] : endpoints);
        host.Mock.When("https://*").With(r => { _sent.Enqueue(RequestSnapshot.Of(r)); return true; }).Respond(HttpStatusCode.OK);
        return host;
    }

    private AmplifyTestHost Host(Action<AmplifyRestApiOptions> configure, Action<IAmplifyRestApiBuilder> more)
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("items", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            configure(o);
        });
        more(builder);
        return Host(services, builder);
    }

    private static async Task<string> SendAsync(AmplifyTestHost host, string endpoint = "items")
    {
        using var response = await host.Client(endpoint).GetAsync(new Uri("list", UriKind.Relative));
        return response.StatusCode.ToString();
    }

    private static string AccessKeyOf(HttpRequestMessage request) =>
        request.Headers.GetValues("Authorization").Single().Split("Credential=")[1].Split('/')[0];

    private static string? SessionTokenOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("X-Amz-Security-Token", out var values) ? values.Single() : null;

    [Test]
    public async Task AddAwsCredentialsProviderOfT_ForAll_ItsCredentialsSignTheRequest()
    {
        using var host = Host(_ => { }, b => b.AddAwsCredentialsProvider<TypedProvider>());

        await SendAsync(host);

        var request = _sent.Single();
        Assert.That(AccessKeyOf(request), Is.EqualTo("ASIATYPED"));
        Assert.That(SessionTokenOf(request), Is.EqualTo("typed-session"));
    }

    [Test]
    public async Task AddAwsCredentialsProviderOfT_ForOneEndpoint_SignsOnlyThatEndpoint()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("items", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            o.Credentials.AccessKeyId = "AKIDSTATIC";
            o.Credentials.SecretAccessKey = "static-secret";
        }).AddAwsCredentialsProvider<TypedProvider>("orders");
        using var host = Host(services, builder, "items", "orders");

        await SendAsync(host, "items");
        await SendAsync(host, "orders");

        Assert.That(_sent.Select(AccessKeyOf), Is.EqualTo(new[] { "AKIDSTATIC", "ASIATYPED" }));
    }

    [Test]
    public async Task AddCognitoLoginsProviderOfT_ItsLoginsReachCognitoAndTheAuthenticatedRoleSigns()
    {
        using var host = Host(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId }, b => b.AddCognitoLoginsProvider<DeveloperLogins>());

        await SendAsync(host);

        Assert.That(AccessKeyOf(_sent.Single()), Is.EqualTo("ASIAFAKE1AUTH"));
        Assert.That(_identity.Requests.Select(r => r["Logins"]?[LoginsProvider]?.GetValue<string>()), Is.EqualTo(new[] { "developer-id-token", "developer-id-token" }));
    }

    [Test]
    public async Task UseIdentityIdStore_TheStoreReceivesTheIdentityIdAndServesItNextTime()
    {
        var store = new RecordingIdentityIdStore();
        using var host = Host(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId }, b => b.UseIdentityIdStore(store));

        await SendAsync(host);
        _time.Advance(TimeSpan.FromHours(2));
        await SendAsync(host);

        Assert.That(store.Sets, Is.EqualTo(new[] { $"{FakeCognitoIdentity.DefaultPoolId}|unauthenticated=us-west-2:identity-1-guest" }));
        Assert.That(_identity.GetIdCalls, Is.EqualTo(1), "the refresh took the identity from the store");
        Assert.That(_identity.GetCredentialsCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task UseAwsSdkCredentials_KeysFromTheEnvironment_SignTheRequest()
    {
        string?[] saved = [Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID"), Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY"), Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN")];
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "ASIAFROMENV");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "env-secret");
        Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", "env-session");
        try
        {
            using var host = Host(_ => { }, b => b.UseAwsSdkCredentials());

            await SendAsync(host);

            Assert.That(AccessKeyOf(_sent.Single()), Is.EqualTo("ASIAFROMENV"));
            Assert.That(SessionTokenOf(_sent.Single()), Is.EqualTo("env-session"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", saved[0]);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", saved[1]);
            Environment.SetEnvironmentVariable("AWS_SESSION_TOKEN", saved[2]);
        }
    }

    [Test]
    public async Task CredentialsSection_StaticKeysFromConfiguration_SignTheRequest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:items:Endpoint"] = Stage,
            ["Amplify:Endpoints:items:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Credentials:AccessKeyId"] = "AKIDCONFIG",
            ["Amplify:Credentials:SecretAccessKey"] = "config-secret",
            ["Amplify:Credentials:SessionToken"] = "config-session",
        }).Build();
        var services = new ServiceCollection();
        using var host = Host(services, services.AddAmplifyRestApi(configuration.GetSection("Amplify")));

        await SendAsync(host);

        var request = _sent.Single();
        Assert.That(request.Headers.GetValues("Authorization").Single(), Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDCONFIG/20261126/us-west-2/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="));
        Assert.That(SessionTokenOf(request), Is.EqualTo("config-session"));
    }

    [Test]
    public async Task CredentialsSection_RefreshWindow_DecidesWhenTheIdentityPoolsCredentialsAreRefreshed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:items:Endpoint"] = Stage,
            ["Amplify:Endpoints:items:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Auth:IdentityPool:PoolId"] = FakeCognitoIdentity.DefaultPoolId,
            ["Amplify:Credentials:RefreshWindow"] = "00:20:00",
        }).Build();
        var services = new ServiceCollection();
        using var host = Host(services, services.AddAmplifyRestApi(configuration.GetSection("Amplify")));

        await SendAsync(host);
        _identity.Gate = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromMinutes(41));
        await SendAsync(host);
        await _identity.ArrivalAsync(3);
        _identity.Gate.SetResult();

        Assert.That(_sent.Select(AccessKeyOf), Is.EqualTo(new[] { "ASIAFAKE1GUEST", "ASIAFAKE1GUEST" }), "the second request is signed with the cached credentials while the 20-minute window's refresh runs");
    }

    [TestCase("true", "AKIDCHAIN")]
    [TestCase(null, null)]
    public async Task CredentialsSection_UseAwsSdkCredentialChain_TurnsTheRegisteredChainOn(string? use, string? expectedKey)
    {
        var values = new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:items:Endpoint"] = Stage,
            ["Amplify:Endpoints:items:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Credentials:UseAwsSdkCredentialChain"] = use,
        };
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Amplify"));
        services.AddSingleton(new AwsCredentialChainRegistration(_ => new StaticAwsCredentialsProvider(new AwsCredentials("AKIDCHAIN", "chain-secret"))));
        using var host = Host(services, builder);

        if (expectedKey is null)
        {
            var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => SendAsync(host));
            Assert.That(ex!.Message, Does.Contain("'items'").And.Contain("no AWS credentials source"));
        }
        else
        {
            await SendAsync(host);
            Assert.That(AccessKeyOf(_sent.Single()), Is.EqualTo(expectedKey));
        }
    }

    private sealed class TypedProvider : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
            new(new AwsCredentials("ASIATYPED", "typed-secret", "typed-session"));
    }

    private sealed class DeveloperLogins : ICognitoLoginsProvider
    {
        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) =>
            new(new CognitoLogins(new Dictionary<string, string> { [LoginsProvider] = "developer-id-token" }, "developer-1"));
    }

    private sealed class RecordingIdentityIdStore : IAmplifyIdentityIdStore
    {
        private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

        public ConcurrentQueue<string> Sets { get; } = new();

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => new(_ids.TryGetValue(key, out var id) ? id : null);

        public ValueTask SetAsync(string key, string identityId, CancellationToken cancellationToken)
        {
            Sets.Enqueue($"{key}={identityId}");
            _ids[key] = identityId;
            return ValueTask.CompletedTask;
        }

        public ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
        {
            _ids.TryRemove(key, out _);
            return ValueTask.CompletedTask;
        }
    }
}
