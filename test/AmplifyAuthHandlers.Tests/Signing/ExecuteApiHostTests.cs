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
    [TestCase("https://abc.execute-api.eu-west-1.amazonaws.com./x", "eu-west-1", TestName = "TryParseExecuteApiRegion_FullyQualifiedHostWithTrailingDot_ReturnsRegion")]
    [TestCase("https://abc.execute-api.a-b0.amazonaws.com/", "a-b0", TestName = "TryParseExecuteApiRegion_ShortestRegionName_ReturnsRegion")]
    [TestCase("https://abc.execute-api.z-9abcdefghijklmnopqrstuvwxyz012.amazonaws.com/", "z-9abcdefghijklmnopqrstuvwxyz012", TestName = "TryParseExecuteApiRegion_LongestRegionName_ReturnsRegion")]
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
    [TestCase("https://abc.execute-api/", TestName = "TryParseExecuteApiRegion_NothingAfterExecuteApi_False")]
    [TestCase("https://abc.execute-api.us-east-1/", TestName = "TryParseExecuteApiRegion_NoSuffix_False")]
    [TestCase("https://abc.execute-api.us-east-1.amazonaws.com.evil.example/", TestName = "TryParseExecuteApiRegion_SuffixFollowedByMore_False")]
    [TestCase("https://abc.execute-api.us-east-1.vpce.amazonaws.com.cn/", TestName = "TryParseExecuteApiRegion_UnknownSuffix_False")]
    [TestCase("https://abc.execute-api.a-b.amazonaws.com/", TestName = "TryParseExecuteApiRegion_RegionTooShort_False")]
    [TestCase("https://abc.execute-api.z-9abcdefghijklmnopqrstuvwxyz0123.amazonaws.com/", TestName = "TryParseExecuteApiRegion_RegionTooLong_False")]
    [TestCase("https://abc.execute-api.us-east-.amazonaws.com/", TestName = "TryParseExecuteApiRegion_RegionEndsWithDash_False")]
    [TestCase("https://abc.execute-api.us_east-1.amazonaws.com/", TestName = "TryParseExecuteApiRegion_RegionWithUnderscore_False")]
    public void TryParseExecuteApiRegion_OtherHost_False(string url)
    {
        bool parsed = ExecuteApiHost.TryParseExecuteApiRegion(new Uri(url), out string region);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(region, Is.Empty);
        });
    }

    [Test]
    public void TryParseExecuteApiRegion_RelativeUri_False()
    {
        bool parsed = ExecuteApiHost.TryParseExecuteApiRegion(new Uri("/prod", UriKind.Relative), out string region);

        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(region, Is.Empty);
        });
    }

    [Test]
    public void TryParseExecuteApiRegion_Null_Throws() =>
        Assert.Throws<ArgumentNullException>(() => ExecuteApiHost.TryParseExecuteApiRegion(null!, out _));
}
