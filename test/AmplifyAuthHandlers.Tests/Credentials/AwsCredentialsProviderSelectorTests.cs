using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Credentials;

/// <summary>
/// The source each AWS_IAM endpoint gets, through the registration AddAmplifyRestApi makes: precedence, sharing, the
/// identity pool's flow (basic or enhanced) and its endpoints, with fakes that refuse requests sent anywhere else.
/// </summary>
[TestFixture]
public sealed class AwsCredentialsProviderSelectorTests
{
    private const string PoolId = FakeCognitoIdentity.DefaultPoolId;
    private const string UnauthRole = "arn:aws:iam::123456789012:role/Pool_Unauth_Role";
    private const string AuthRole = "arn:aws:iam::123456789012:role/Pool_Auth_Role";

    private FakeTimeProvider _time = null!;
    private FakeCognitoIdentity _identity = null!;
    private FakeSecurityTokenService _sts = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _identity = new FakeCognitoIdentity { Now = () => _time.GetUtcNow() };
        _sts = new FakeSecurityTokenService { Now = () => _time.GetUtcNow() };
    }

    [TearDown]
    public void TearDown()
    {
        _identity.Dispose();
        _sts.Dispose();
    }

    private ServiceProvider Build(Action<AmplifyRestApiOptions> configure, Action<IAmplifyRestApiBuilder>? more = null, OptionsChange? change = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("items", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam);
            o.AddEndpoint("orders", new Uri("https://orders.execute-api.us-west-2.amazonaws.com/dev"), AmplifyAuthorizationType.AwsIam);
            configure(o);
        });
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _identity);
        services.AddHttpClient(AmplifyHttpClientNames.SecurityTokenService).ConfigurePrimaryHttpMessageHandler(() => _sts);
        if (change is not null)
        {
            services.AddSingleton<IOptionsChangeTokenSource<AmplifyRestApiOptions>>(change);
        }

        more?.Invoke(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static AwsCredentialsProviderSelector Selector(IServiceProvider provider) => provider.GetRequiredService<AwsCredentialsProviderSelector>();

    private static void Pool(AmplifyRestApiOptions o, Action<CognitoIdentityPoolOptions>? configure = null)
    {
        o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = PoolId };
        configure?.Invoke(o.Auth.IdentityPool);
    }

    private static void StaticKeys(AmplifyRestApiOptions o)
    {
        o.Credentials.AccessKeyId = "AKIDSTATIC";
        o.Credentials.SecretAccessKey = "static-secret";
        o.Credentials.SessionToken = "static-token";
    }

    private static StaticAwsCredentialsProvider Provider(string accessKeyId) => new(new AwsCredentials(accessKeyId, "secret"));

    [Test]
    public void For_ProviderForTheEndpointAndOneForAll_EachEndpointGetsItsOwnFirst()
    {
        var mine = Provider("AKIDITEMS");
        var all = Provider("AKIDALL");
        using var services = Build(o => { Pool(o); StaticKeys(o); }, b => b.AddAwsCredentialsProvider(mine, "items").AddAwsCredentialsProvider(all));

        Assert.That(Selector(services).For("items"), Is.SameAs(mine));
        Assert.That(Selector(services).For("orders"), Is.SameAs(all));
    }

    [Test]
    public async Task For_StaticKeysAndIdentityPool_StaticKeysWinWithTheirSessionToken()
    {
        using var services = Build(o => { Pool(o); StaticKeys(o); });

        var credentials = await Selector(services).For("items").GetCredentialsAsync();

        Assert.That((credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), Is.EqualTo(("AKIDSTATIC", "static-secret", "static-token")));
        Assert.That(_identity.Requests, Is.Empty);
    }

    [Test]
    public async Task For_IdentityPoolAndCredentialChain_TheIdentityPoolWins()
    {
        using var services = Build(o => Pool(o), b => b.UseAwsCredentialChain(_ => Provider("AKIDCHAIN")));
        var selector = Selector(services);

        var source = selector.For("items");
        var credentials = await source.GetCredentialsAsync();

        Assert.That(source, Is.SameAs(selector.IdentityPoolProvider()));
        Assert.That(source.ToString(), Is.EqualTo($"Cognito identity pool {PoolId}"));
        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"));
    }

    [Test]
    public async Task For_OnlyTheCredentialChain_ServesItThroughACacheNamedAfterIt()
    {
        using var services = Build(_ => { }, b => b.UseAwsCredentialChain(_ => Provider("AKIDCHAIN")));

        var source = Selector(services).For("items");

        Assert.That(source.ToString(), Is.EqualTo("StaticAwsCredentialsProvider { AccessKeyId = AKIDCHAIN }"), "the library's own providers describe themselves");
        Assert.That((await source.GetCredentialsAsync()).AccessKeyId, Is.EqualTo("AKIDCHAIN"));
    }

    [Test]
    public void For_ChainRegisteredButTurnedOff_ThrowsNamingTheEndpoint()
    {
        using var services = Build(_ => { }, b =>
        {
            b.UseAwsCredentialChain(_ => Provider("AKIDCHAIN"));
            b.Services.Configure<AmplifyRestApiOptions>(o => o.Credentials.UseAwsSdkCredentialChain = false);
        });

        var ex = Assert.Throws<AmplifyConfigurationException>(() => Selector(services).For("orders"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders': authorizationType AWS_IAM has no AWS credentials source."));
    }

    [Test]
    public void For_ChainTurnedOnButNotRegistered_ThrowsNamingThePackage()
    {
        using var services = Build(o => o.Credentials.UseAwsSdkCredentialChain = true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => Selector(services).For("items"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'items': Credentials:UseAwsSdkCredentialChain is true, but no credential chain is registered."));
    }

    [Test]
    public void For_TwoEndpoints_ShareOneSourceUntilTheOptionsChange()
    {
        using var change = new OptionsChange();
        using var services = Build(o => Pool(o), change: change);
        var selector = Selector(services);

        var items = selector.For("items");
        var orders = selector.For("orders");
        var pool = selector.IdentityPoolProvider();
        change.Raise();
        var reloaded = selector.For("items");

        Assert.That(orders, Is.SameAs(items));
        Assert.That(pool, Is.SameAs(items));
        Assert.That(selector.IdentityPoolProvider(), Is.SameAs(reloaded));
        Assert.That(reloaded, Is.Not.SameAs(items), "a reload builds the source from the new options");
    }

    [Test]
    public void IdentityPoolProvider_NoPoolOrNoPoolIdOrNoRegion_IsNull()
    {
        using var none = Build(StaticKeys);
        using var noId = Build(o => { StaticKeys(o); o.Auth.IdentityPool = new CognitoIdentityPoolOptions { Region = "us-west-2" }; });
        using var noRegion = Build(o => { StaticKeys(o); o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "00000000-0000-0000-0000-000000000000" }; });

        Assert.That(Selector(none).IdentityPoolProvider(), Is.Null);
        Assert.That(Selector(noId).IdentityPoolProvider(), Is.Null);
        Assert.That(Selector(noRegion).IdentityPoolProvider(), Is.Null);
    }

    [Test]
    public async Task IdentityPoolProvider_NoRoleArns_UsesTheEnhancedFlow()
    {
        using var services = Build(o => Pool(o));

        var credentials = await Selector(services).IdentityPoolProvider()!.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"));
        Assert.That((_identity.GetIdCalls, _identity.GetCredentialsCalls, _identity.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 1, 0, 0)));
    }

    [Test]
    public async Task IdentityPoolProvider_UnauthenticatedRoleArn_UsesTheBasicFlowAtTheRegionalSts()
    {
        using var services = Build(o => Pool(o, p => p.UnauthenticatedRoleArn = UnauthRole));

        var credentials = await Selector(services).IdentityPoolProvider()!.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
        Assert.That(_sts.RequestUris, Is.EqualTo(new[] { new Uri("https://sts.us-west-2.amazonaws.com/") }));
        Assert.That((_identity.GetCredentialsCalls, _identity.GetOpenIdTokenCalls), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task IdentityPoolProvider_OnlyAuthenticatedRoleArn_GuestStillUsesTheEnhancedFlow()
    {
        using var services = Build(o => Pool(o, p => p.AuthenticatedRoleArn = AuthRole));

        var credentials = await Selector(services).IdentityPoolProvider()!.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"));
        Assert.That(_sts.Calls, Is.Zero);
    }

    [Test]
    public async Task IdentityPoolProvider_RegionSetExplicitly_CallsThatRegionsCognitoAndSts()
    {
        _identity.ServiceUri = new Uri("https://cognito-identity.eu-west-1.amazonaws.com/");
        _identity.IdentityPoolId = "00000000-0000-0000-0000-000000000000";
        _sts.ServiceUri = new Uri("https://sts.eu-west-1.amazonaws.com/");
        using var services = Build(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions
        {
            PoolId = "00000000-0000-0000-0000-000000000000",
            Region = "eu-west-1",
            UnauthenticatedRoleArn = UnauthRole,
        });

        var credentials = await Selector(services).IdentityPoolProvider()!.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
        Assert.That(_identity.RequestUris, Has.All.EqualTo(_identity.ServiceUri));
    }

    [Test]
    public async Task IdentityPoolProvider_EndpointOverride_ReachesTheWire()
    {
        var local = new Uri("http://127.0.0.1:9229/");
        _identity.ServiceUri = local;
        using var services = Build(o => Pool(o, p => p.Endpoint = local));

        var credentials = await Selector(services).IdentityPoolProvider()!.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"));
        Assert.That(_identity.RequestUris, Is.EqualTo(new[] { local, local }), "GetId and GetCredentialsForIdentity both at the override");
    }

    [Test]
    public async Task IdentityPoolProvider_RefreshWindowFromOptions_RefreshesThatLongBeforeExpiry()
    {
        using var services = Build(o =>
        {
            Pool(o);
            o.Credentials.RefreshWindow = TimeSpan.FromMinutes(20);
        });
        var source = Selector(services).IdentityPoolProvider()!;
        var first = await source.GetCredentialsAsync();
        _time.Advance(TimeSpan.FromMinutes(39));
        var before = await source.GetCredentialsAsync();
        var arrivedBefore = _identity.Arrived;
        _identity.Gate = new TaskCompletionSource();

        _time.Advance(TimeSpan.FromMinutes(2));
        var inWindow = await source.GetCredentialsAsync();
        await _identity.ArrivalAsync(3);
        _identity.Gate.SetResult();

        Assert.That(before, Is.SameAs(first));
        Assert.That(arrivedBefore, Is.EqualTo(2), "GetId and GetCredentialsForIdentity; nothing at 39 minutes");
        Assert.That(inWindow, Is.SameAs(first), "served while the refresh runs in the background");
    }

    [Test]
    public void IdentityPoolRegion_RegionSet_WinsOverThePoolIdPrefix()
    {
        Assert.That(AwsCredentialsProviderSelector.IdentityPoolRegion(new CognitoIdentityPoolOptions { PoolId = PoolId, Region = "eu-west-1" }), Is.EqualTo("eu-west-1"));
        Assert.That(AwsCredentialsProviderSelector.IdentityPoolRegion(new CognitoIdentityPoolOptions { PoolId = PoolId }), Is.EqualTo("us-west-2"));
        Assert.That(AwsCredentialsProviderSelector.IdentityPoolRegion(new CognitoIdentityPoolOptions { PoolId = PoolId, Region = "Mars" }), Is.Null, "an invalid region is not replaced by the prefix");
        Assert.That(AwsCredentialsProviderSelector.IdentityPoolRegion(new CognitoIdentityPoolOptions()), Is.Null);
    }

    [TestCase("Mars:00000000-0000-0000-0000-000000000000")]
    [TestCase(":00000000-0000-0000-0000-000000000000")]
    [TestCase("00000000-0000-0000-0000-000000000000")]
    public void IdentityPoolRegion_PoolIdPrefixIsNoRegion_IsNull(string poolId) =>
        Assert.That(AwsCredentialsProviderSelector.IdentityPoolRegion(new CognitoIdentityPoolOptions { PoolId = poolId }), Is.Null);

    [Test]
    public void For_EndpointWithoutAnySource_ThrowsTheMissingSourceProblem()
    {
        using var services = Build(_ => { }, b => RegisterForTheIamEndpoints(b));

        var ex = Assert.Throws<AmplifyConfigurationException>(() => Selector(services).For("reports"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'reports': authorizationType AWS_IAM has no AWS credentials source. Configure an identity pool"));
    }

    [Test]
    public void For_IdentityPoolWithARegionButNoPoolId_ThrowsNamingTheEndpoint()
    {
        using var services = Build(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { Region = "us-west-2" }, b => RegisterForTheIamEndpoints(b));

        var ex = Assert.Throws<AmplifyConfigurationException>(() => Selector(services).For("reports"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'reports' has no AWS credentials source."));
    }

    [Test]
    public void For_ChainFromTheAwsSdkPackage_IsNamedByItsDescription()
    {
        using var services = Build(_ => { }, b => b.UseAwsCredentialChain(_ => new AwsSdk.AwsSdkCredentialsProvider(_ => Task.FromResult<Amazon.Runtime.AWSCredentials>(new Amazon.Runtime.BasicAWSCredentials("AKIDSDK", "sdk-secret")))));

        Assert.That(Selector(services).For("items").ToString(), Is.EqualTo("the AWS SDK credential chain"));
    }

    /// <summary>A provider of its own for each AWS_IAM endpoint (so the options are valid), none for any other name.</summary>
    private static void RegisterForTheIamEndpoints(IAmplifyRestApiBuilder builder)
    {
        builder.Services.AddKeyedSingleton<IAwsCredentialsProvider>("items", Provider("AKIDITEMS"));
        builder.Services.AddKeyedSingleton<IAwsCredentialsProvider>("orders", Provider("AKIDORDERS"));
    }
}
