using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class ExecuteApiHostTests
{
    [TestCase("https://abc123.execute-api.eu-west-1.amazonaws.com/prod", "eu-west-1")]
    [TestCase("https://ABC123.Execute-Api.US-EAST-2.amazonaws.com/", "us-east-2")]
    [TestCase("https://abc.execute-api.cn-north-1.amazonaws.com.cn/x", "cn-north-1")]
    [TestCase("https://abc-vpce-0123.execute-api.ap-southeast-2.vpce.amazonaws.com/x", "ap-southeast-2")]
    [TestCase("https://abc.execute-api.us-gov-west-1.amazonaws.com:443/x", "us-gov-west-1")]
    public void TryParseExecuteApiRegion_ApiGatewayHost_ReturnsRegion(string url, string expected)
    {
        bool parsed = ExecuteApiHost.TryParseExecuteApiRegion(new Uri(url), out string region);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(region, Is.EqualTo(expected));
        });
    }

    [TestCase("https://api.example.com/prod")]
    [TestCase("https://execute-api.us-east-1.amazonaws.com/")]
    [TestCase("https://abc.execute-api.us-east-1.example.com/")]
    [TestCase("https://abc.execute-api.amazonaws.com/")]
    [TestCase("https://abc.execute-api.nodash.amazonaws.com/")]
    [TestCase("http://localhost:5000/")]
    public void TryParseExecuteApiRegion_OtherHost_False(string url)
    {
        bool parsed = ExecuteApiHost.TryParseExecuteApiRegion(new Uri(url), out string region);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(region, Is.Empty);
        });
    }
}
