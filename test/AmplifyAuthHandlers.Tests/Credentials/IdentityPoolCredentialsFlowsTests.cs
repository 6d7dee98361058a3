using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class IdentityPoolCredentialsFlowsTests
{
    private ServiceProvider _services = null!;

    [SetUp]
    public void SetUp() => _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();

    [TearDown]
    public void TearDown() => _services.Dispose();

    [Test]
    public void Create_NoRoleArns_IsTheSharedEnhancedFlow()
    {
        var pool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId };

        var flow = IdentityPoolCredentialsFlows.Create(pool, _services.GetRequiredService<IHttpClientFactory>(), NullLoggerFactory.Instance, TimeProvider.System);

        Assert.That(flow, Is.SameAs(EnhancedIdentityPoolFlow.Instance));
    }

    [TestCase("arn:aws:iam::123456789012:role/Unauth", null)]
    [TestCase(null, "arn:aws:iam::123456789012:role/Auth")]
    public void Create_ARoleArn_IsTheBasicFlow(string? unauthenticatedRoleArn, string? authenticatedRoleArn)
    {
        var pool = new CognitoIdentityPoolOptions { PoolId = FakeCognitoIdentity.DefaultPoolId, UnauthenticatedRoleArn = unauthenticatedRoleArn, AuthenticatedRoleArn = authenticatedRoleArn };

        var flow = IdentityPoolCredentialsFlows.Create(pool, _services.GetRequiredService<IHttpClientFactory>(), NullLoggerFactory.Instance, TimeProvider.System);

        Assert.That(flow, Is.TypeOf<BasicIdentityPoolFlow>());
    }
}
