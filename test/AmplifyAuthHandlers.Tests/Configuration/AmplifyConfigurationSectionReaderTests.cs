using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers.Tests.Configuration;

[TestFixture]
public sealed class AmplifyConfigurationSectionReaderTests
{
    private static (AmplifyRestApiOptions Options, IConfigurationSection Section) Read(Dictionary<string, string?> values)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Amplify");
        var options = new AmplifyRestApiOptions();
        AmplifyConfigurationSectionReader.Read(section, options);
        return (options, section);
    }

    [Test]
    public void Read_FullSection_FillsEndpointsAndAuth()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.execute-api.us-west-2.amazonaws.com/dev",
            ["Amplify:Endpoints:orders:Region"] = "us-west-2",
            ["Amplify:Endpoints:orders:AuthorizationType"] = "AwsIam",
            ["Amplify:Endpoints:orders:ApiKey"] = "k",
            ["Amplify:Endpoints:orders:AllowCrossOriginRequests"] = "true",
            ["Amplify:Endpoints:orders:Headers:x-a"] = "1",
            ["Amplify:Auth:UserPool:PoolId"] = "us-west-2_abc",
            ["Amplify:Auth:UserPool:AppClientId"] = "client",
            ["Amplify:Auth:UserPool:AuthenticationFlowType"] = "USER_PASSWORD_AUTH",
            ["Amplify:Auth:UserPool:Endpoint"] = "http://127.0.0.1:9229",
            ["Amplify:Auth:IdentityPool:PoolId"] = "us-west-2:1111",
        });

        var endpoint = options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("https://a.execute-api.us-west-2.amazonaws.com/dev")));
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(endpoint.ApiKey, Is.EqualTo("k"));
            Assert.That(endpoint.AllowCrossOriginRequests, Is.True);
            Assert.That(endpoint.Headers["X-A"], Is.EqualTo("1"));
            Assert.That(options.Auth.UserPool!.AuthenticationFlowType, Is.EqualTo("USER_PASSWORD_AUTH"));
            Assert.That(options.Auth.UserPool.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9229")));
            Assert.That(options.Auth.IdentityPool!.PoolId, Is.EqualTo("us-west-2:1111"));
        });
    }

    [Test]
    public void Read_BadValues_AreReportedWithTheirConfigurationKeys()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:orders:AuthorizationType"] = "KERBEROS",
            ["Amplify:Endpoints:orders:AllowCrossOriginRequests"] = "maybe",
            ["Amplify:Auth:IdentityPool:Endpoint"] = "not a uri",
        });

        Assert.That(options.LoadProblems, Has.Exactly(3).Items);
        Assert.That(options.LoadProblems, Has.One.Contains("'KERBEROS' at configuration key 'Amplify:Endpoints:orders:AuthorizationType'"));
        Assert.That(options.LoadProblems, Has.One.Contains("'maybe' at configuration key 'Amplify:Endpoints:orders:AllowCrossOriginRequests'"));
        Assert.That(options.LoadProblems, Has.One.Contains("configuration key 'Amplify:Auth:IdentityPool:Endpoint'"));
    }

    [Test]
    public void Read_IdentityPoolRoleArnsAndStsEndpoint_AreRead()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Auth:IdentityPool:PoolId"] = "us-west-2:1111",
            ["Amplify:Auth:IdentityPool:UnauthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/Unauth",
            ["Amplify:Auth:IdentityPool:AuthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/Auth",
            ["Amplify:Auth:IdentityPool:StsEndpoint"] = "http://127.0.0.1:4566/",
        });

        var pool = options.Auth.IdentityPool!;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (pool.UnauthenticatedRoleArn, pool.AuthenticatedRoleArn, pool.StsEndpoint),
            Is.EqualTo(("arn:aws:iam::123456789012:role/Unauth", "arn:aws:iam::123456789012:role/Auth", new Uri("http://127.0.0.1:4566/"))));
    }

    [Test]
    public void Read_StsEndpointNotAUri_IsReportedWithItsKey()
    {
        var (options, _) = Read(new() { ["Amplify:Auth:IdentityPool:StsEndpoint"] = "sts please" });

        Assert.That(options.LoadProblems, Has.One.Contains("'sts please' at configuration key 'Amplify:Auth:IdentityPool:StsEndpoint'"));
    }

    [Test]
    public void Read_TokenRefreshWindow_IsRead()
    {
        var (options, _) = Read(new() { ["Amplify:Auth:TokenRefreshWindow"] = "00:10:30" });

        Assert.Multiple(() =>
        {
            Assert.That(options.Auth.TokenRefreshWindow, Is.EqualTo(TimeSpan.FromSeconds(630)));
            Assert.That(options.LoadProblems, Is.Empty);
        });
    }

    [TestCase("soon")]
    [TestCase("-00:01:00")]
    public void Read_TokenRefreshWindowNotATimeSpan_IsReportedWithItsKeyAndKeepsTheDefault(string value)
    {
        var (options, _) = Read(new() { ["Amplify:Auth:TokenRefreshWindow"] = value });

        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Has.One.Contains($"'{value}' at configuration key 'Amplify:Auth:TokenRefreshWindow'"));
            Assert.That(options.Auth.TokenRefreshWindow, Is.EqualTo(TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    public void Read_MissingSection_SaysToCheckTheSectionName()
    {
        var (options, _) = Read(new() { ["Other:Key"] = "x" });

        Assert.That(options.LoadProblems, Has.One.Contains("'Amplify'").And.Contains("section name"));
    }

    [Test]
    public void Read_ValidationOfMissingApiKey_NamesTheConfigurationKey()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
        });

        Assert.That(options.Endpoints["orders"].PathOf("orders", "ApiKey"), Is.EqualTo("Amplify:Endpoints:orders:ApiKey"));
    }

    [Test]
    public void Read_MaxBufferedRequestBodyBytes_IsReadAndDefaultsToApiGatewaysPayloadLimit()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes"] = "1048576",
            ["Amplify:Endpoints:other:Endpoint"] = "https://b.example.com/",
        });

        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(options.Endpoints["orders"].MaxBufferedRequestBodyBytes, Is.EqualTo(1_048_576));
            Assert.That(options.Endpoints["other"].MaxBufferedRequestBodyBytes, Is.EqualTo(10_485_760));
        });
    }

    [TestCase("ten")]
    [TestCase("-1")]
    [TestCase("1.5")]
    public void Read_MaxBufferedRequestBodyBytesNotAByteCount_IsReportedWithItsKey(string value)
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes"] = value,
        });

        Assert.That(options.LoadProblems, Has.One.Contains($"'{value}' at configuration key 'Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes' is not a whole number of bytes"));
    }
}
