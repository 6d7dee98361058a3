using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CallerCredentialsGuestProviderTests
{
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

    private (CallerCredentialsGuestProvider Guest, ServiceProvider Services) Create(Action<AmplifyRestApiOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("open", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.None);
            configure(o);
        });
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => _identity);
        services.AddHttpClient(AmplifyHttpClientNames.SecurityTokenService).ConfigurePrimaryHttpMessageHandler(() => _sts);
        var provider = services.BuildServiceProvider(validateScopes: true);
        var guest = new CallerCredentialsGuestProvider(
            provider.GetRequiredService<AmplifyEndpointCatalog>(),
            provider.GetRequiredService<IHttpClientFactory>(),
            new AwsClockSkew(_time),
            provider.GetRequiredService<ILoggerFactory>(),
            "AddAmplifyCallerTokenForwarding()");
        return (guest, provider);
    }

    private static void Pools(AmplifyRestApiOptions o)
    {
        o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId };
        o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client" };
    }

    [Test]
    public async Task GetCredentialsAsync_Pools_OneGuestIdentityServesEveryCall()
    {
        var (guest, services) = Create(Pools);
        using var _ = services;

        var first = await guest.GetCredentialsAsync();
        var second = await guest.GetCredentialsAsync();

        Assert.That(first.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"));
        Assert.That(second, Is.SameAs(first));
        Assert.That(_identity.Requests.Any(r => r.ContainsKey("Logins")), Is.False, "the guest sends no Logins");
    }

    [Test]
    public async Task GetCredentialsAsync_EndpointOverrideAndUnauthenticatedRole_ReachTheWire()
    {
        var local = new Uri("http://127.0.0.1:9229/");
        _identity.ServiceUri = local;
        var (guest, services) = Create(o =>
        {
            Pools(o);
            o.Auth.IdentityPool!.Endpoint = local;
            o.Auth.IdentityPool.UnauthenticatedRoleArn = "arn:aws:iam::123456789012:role/Pool_Unauth_Role";
        });
        using var _ = services;

        var credentials = await guest.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
        Assert.That(_identity.RequestUris, Has.All.EqualTo(local));
    }

    [Test]
    public void GetCredentialsAsync_NoUserPool_ThrowsTheConfigurationProblem()
    {
        var (guest, services) = Create(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId });
        using var _ = services;

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => guest.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.StartWith("AddAmplifyCallerTokenForwarding() exchanges the caller's ID token for AWS_IAM endpoints, which needs the user pool"));
        Assert.That(_identity.Requests, Is.Empty);
    }
}
