
namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoEndpointsTests
{
    [TestCase("us-east-1", "https://cognito-identity.us-east-1.amazonaws.com/")]
    [TestCase("us-gov-west-1", "https://cognito-identity.us-gov-west-1.amazonaws.com/")]
    [TestCase("cn-north-1", "https://cognito-identity.cn-north-1.amazonaws.com.cn/")]
    public void ForIdentity_Region_BuildsServiceUri(string region, string expected) =>
        Assert.That(CognitoEndpoints.ForIdentity(region), Is.EqualTo(new Uri(expected)));

    [TestCase("eu-central-1", "https://cognito-idp.eu-central-1.amazonaws.com/")]
    [TestCase("ap-southeast-3", "https://cognito-idp.ap-southeast-3.amazonaws.com/")]
    [TestCase("cn-northwest-1", "https://cognito-idp.cn-northwest-1.amazonaws.com.cn/")]
    public void ForIdentityProvider_Region_BuildsServiceUri(string region, string expected) =>
        Assert.That(CognitoEndpoints.ForIdentityProvider(region), Is.EqualTo(new Uri(expected)));

    [TestCase("")]
    [TestCase("US-EAST-1")]
    [TestCase("us-east-1.evil.example")]
    [TestCase("us-east-1/")]
    [TestCase("useast1")]
    [TestCase("us-east-1_AbC")]
    public void ForIdentityProvider_NotARegion_ThrowsNamingIt(string region)
    {
        var exception = Assert.Throws<ArgumentException>(() => CognitoEndpoints.ForIdentityProvider(region));

        Assert.That(exception!.Message, Does.Contain($"'{region}'").And.Contain("us-east-1"));
    }
}
