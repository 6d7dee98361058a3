
namespace AmplifyAuthHandlers.Tests.Auth;

[TestFixture]
public sealed class AmplifyTokenContextTests
{
    [Test]
    public void ToString_Always_NamesEndpointModeAndRefresh() =>
        Assert.That(new AmplifyTokenContext("orders", AmplifyAuthorizationType.OpenIdConnect, forceRefresh: true).ToString(),
            Is.EqualTo("AmplifyTokenContext { EndpointName = orders, AuthorizationType = OpenIdConnect, ForceRefresh = True }"));

    [Test]
    public void Constructor_BlankEndpointName_Throws() =>
        Assert.Throws<ArgumentException>(() => _ = new AmplifyTokenContext(" ", AmplifyAuthorizationType.AwsLambda, forceRefresh: false));
}
