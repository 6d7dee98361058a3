
namespace AmplifyAuthHandlers.Tests.Configuration;

[TestFixture]
public sealed class AmplifyRestApiOptionsCopierTests
{
    [Test]
    public void CopyInto_IdentityPool_CopiesRoleArnsAndStsEndpointIntoANewObject()
    {
        var source = new AmplifyRestApiOptions();
        source.Auth.IdentityPool = new CognitoIdentityPoolOptions
        {
            PoolId = "us-west-2:1",
            Region = "us-west-2",
            Endpoint = new Uri("https://cognito.example.com/"),
            UnauthenticatedRoleArn = "arn:aws:iam::123456789012:role/Unauth",
            AuthenticatedRoleArn = "arn:aws:iam::123456789012:role/Auth",
            StsEndpoint = new Uri("https://sts.example.com/"),
        };
        var target = new AmplifyRestApiOptions();

        AmplifyRestApiOptionsCopier.CopyInto(source, target);

        var copy = target.Auth.IdentityPool!;
        Assert.That(copy, Is.Not.SameAs(source.Auth.IdentityPool));
        Assert.That(
            (copy.PoolId, copy.Region, copy.Endpoint, copy.UnauthenticatedRoleArn, copy.AuthenticatedRoleArn, copy.StsEndpoint),
            Is.EqualTo(("us-west-2:1", "us-west-2", new Uri("https://cognito.example.com/"), "arn:aws:iam::123456789012:role/Unauth", "arn:aws:iam::123456789012:role/Auth", new Uri("https://sts.example.com/"))));
    }
}
