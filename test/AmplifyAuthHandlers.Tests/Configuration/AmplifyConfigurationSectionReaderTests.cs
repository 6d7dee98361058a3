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
    public void Read_OverValuesSetBefore_TheSectionWinsAndWhatItLacksIsKept()
    {
        // What the section holds replaces what an earlier source (an Amplify JSON file, code) set; what it lacks stays.
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Auth:UserPool:PoolId"] = "us-west-2_fromSection",
            ["Amplify:Auth:UserPool:AppClientId"] = "client-from-section",
            ["Amplify:Auth:UserPool:AppClientSecret"] = "secret-from-section",
            ["Amplify:Auth:UserPool:Region"] = "us-west-2",
            ["Amplify:Auth:UserPool:Endpoint"] = "http://127.0.0.1:9229",
            ["Amplify:Auth:IdentityPool:PoolId"] = "us-west-2:2222",
            ["Amplify:Auth:IdentityPool:Region"] = "us-west-2",
            ["Amplify:Auth:IdentityPool:Endpoint"] = "http://127.0.0.1:9230",
            ["Amplify:Auth:IdentityPool:UnauthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/section-unauth",
            ["Amplify:Auth:IdentityPool:AuthenticatedRoleArn"] = "arn:aws:iam::123456789012:role/section-auth",
            ["Amplify:Auth:IdentityPool:StsEndpoint"] = "http://127.0.0.1:9231",
            ["Amplify:Credentials:AccessKeyId"] = "AKIDFROMSECTION",
            ["Amplify:Credentials:SecretAccessKey"] = "secret-key-from-section",
            ["Amplify:Credentials:SessionToken"] = "token-from-section",
        }).Build().GetSection("Amplify");
        var options = new AmplifyRestApiOptions();
        options.Auth.UserPool = new CognitoUserPoolOptions
        {
            PoolId = "eu-west-1_before", AppClientId = "client-before", AppClientSecret = "secret-before", Region = "eu-west-1",
            AuthenticationFlowType = "USER_PASSWORD_AUTH", Endpoint = new Uri("http://127.0.0.1:1111"),
        };
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions
        {
            PoolId = "eu-west-1:1111", Region = "eu-west-1", Endpoint = new Uri("http://127.0.0.1:1112"),
            UnauthenticatedRoleArn = "arn:aws:iam::123456789012:role/before-unauth", AuthenticatedRoleArn = "arn:aws:iam::123456789012:role/before-auth",
            StsEndpoint = new Uri("http://127.0.0.1:1113"),
        };
        options.Credentials.AccessKeyId = "AKIDBEFORE";
        options.Credentials.SecretAccessKey = "secret-key-before";
        options.Credentials.SessionToken = "token-before";

        AmplifyConfigurationSectionReader.Read(section, options);

        var userPool = options.Auth.UserPool;
        var identityPool = options.Auth.IdentityPool;
        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That((userPool.PoolId, userPool.AppClientId, userPool.AppClientSecret, userPool.Region), Is.EqualTo(("us-west-2_fromSection", "client-from-section", "secret-from-section", "us-west-2")));
            Assert.That(userPool.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9229")));
            Assert.That(userPool.AuthenticationFlowType, Is.EqualTo("USER_PASSWORD_AUTH"), "not in the section: kept");
            Assert.That((identityPool.PoolId, identityPool.Region), Is.EqualTo(("us-west-2:2222", "us-west-2")));
            Assert.That((identityPool.Endpoint, identityPool.StsEndpoint), Is.EqualTo((new Uri("http://127.0.0.1:9230"), new Uri("http://127.0.0.1:9231"))));
            Assert.That((identityPool.UnauthenticatedRoleArn, identityPool.AuthenticatedRoleArn), Is.EqualTo(("arn:aws:iam::123456789012:role/section-unauth", "arn:aws:iam::123456789012:role/section-auth")));
            Assert.That((options.Credentials.AccessKeyId, options.Credentials.SecretAccessKey, options.Credentials.SessionToken), Is.EqualTo(("AKIDFROMSECTION", "secret-key-from-section", "token-from-section")));
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

    private static (AmplifyRestApiOptions Options, AmplifyConfigurationNotices Notices) ReadWithNotices(Dictionary<string, string?> values, AmplifyRestApiOptions? target = null)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Amplify");
        var options = target ?? new AmplifyRestApiOptions();
        var notices = new AmplifyConfigurationNotices();
        AmplifyConfigurationSectionReader.Read(section, options, notices);
        return (options, notices);
    }

    [Test]
    public void EndpointNames_AreTheChildrenOfEndpoints()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:billing:Url"] = "https://b.example.com/",
            ["Amplify:Auth:UserPool:PoolId"] = "p",
        }).Build().GetSection("Amplify");

        Assert.That(AmplifyConfigurationSectionReader.EndpointNames(section), Is.EquivalentTo(new[] { "orders", "billing" }));
    }

    [Test]
    public void Read_EndpointValues_AreTrimmedAndUrlIsAnAliasOfEndpoint()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:orders:Url"] = " https://a.example.com/dev ",
            ["Amplify:Endpoints:orders:Region"] = " eu-west-1 ",
            ["Amplify:Endpoints:orders:ApiKey"] = " k1 ",
            ["Amplify:Endpoints:orders:AuthorizationType"] = " API_KEY ",
        });

        var endpoint = options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("https://a.example.com/dev")));
            Assert.That(endpoint.Region, Is.EqualTo("eu-west-1"));
            Assert.That(endpoint.ApiKey, Is.EqualTo("k1"));
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.ApiKey));
        });
    }

    [Test]
    public void Read_EndpointBeforeUrl_Wins() =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:Url"] = "https://b.example.com/" }).Options.Endpoints["o"].Endpoint,
            Is.EqualTo(new Uri("https://a.example.com/")));

    [Test]
    public void Read_BlankValues_AreAbsent()
    {
        var (options, notices) = ReadWithNotices(new()
        {
            ["Amplify:Endpoints:orders:Endpoint"] = " ",
            ["Amplify:Endpoints:orders:Region"] = "",
            ["Amplify:Endpoints:orders:ApiKey"] = " ",
            ["Amplify:Endpoints:orders:AuthorizationType"] = " ",
            ["Amplify:Endpoints:orders:TokenType"] = " ",
            ["Amplify:Endpoints:orders:BearerPrefix"] = "",
            ["Amplify:Endpoints:orders:AllowCrossOriginRequests"] = " ",
            ["Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes"] = " ",
        });

        var endpoint = options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That((endpoint.Endpoint, endpoint.Region, endpoint.ApiKey), Is.EqualTo(((Uri?)null, (string?)null, (string?)null)));
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(notices.DefaultedToAwsIam, Is.EqualTo(new[] { ("orders", "configuration key 'Amplify:Endpoints:orders'") }));
        });
    }

    [Test]
    public void Read_EndpointNotAUri_NamesTheEndpointTheKeyAndTheFix() =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:orders:Endpoint"] = "http://[::1" }).Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'orders': 'http://[::1' at configuration key 'Amplify:Endpoints:orders:Endpoint' is not a URI; expected an absolute https:// URI." }));

    [Test]
    public void Read_RecordsEachKeysConfigurationPath()
    {
        var endpoint = Read(new() { ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/" }).Options.Endpoints["orders"];

        Assert.That(
            new[] { "Endpoint", "Region", "AuthorizationType", "ApiKey", "TokenType", "MaxBufferedRequestBodyBytes" }.Select(key => endpoint.PathOf("orders", key)),
            Is.EqualTo(new[]
            {
                "Amplify:Endpoints:orders:Endpoint", "Amplify:Endpoints:orders:Region", "Amplify:Endpoints:orders:AuthorizationType",
                "Amplify:Endpoints:orders:ApiKey", "Amplify:Endpoints:orders:TokenType", "Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes",
            }));
    }

    [Test]
    public void Read_ExplicitAuthorizationType_IsNotNoted()
    {
        var (options, notices) = ReadWithNotices(new() { ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:orders:AuthorizationType"] = "none" });

        Assert.That(options.Endpoints["orders"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.None));
        Assert.That(options.Endpoints["orders"].AuthorizationTypeUnreadable, Is.False);
        Assert.That(notices.DefaultedToAwsIam, Is.Empty);
    }

    [Test]
    public void Read_UnknownAuthorizationType_IsUnreadableWithTheExactMessage()
    {
        var (options, _) = Read(new() { ["Amplify:Endpoints:orders:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:orders:AuthorizationType"] = "KERBEROS" });

        Assert.That(options.Endpoints["orders"].AuthorizationTypeUnreadable, Is.True);
        Assert.That(options.LoadProblems, Is.EqualTo(new[] { $"Endpoint 'orders': unknown authorizationType 'KERBEROS' at configuration key 'Amplify:Endpoints:orders:AuthorizationType'; expected one of {AmplifyAuthorizationTypeNames.AllNames}." }));
    }

    [TestCase("false", false)]
    [TestCase("True", true)]
    public void Read_AllowCrossOriginRequests_IsRead(string value, bool expected) =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:AllowCrossOriginRequests"] = value }).Options.Endpoints["o"].AllowCrossOriginRequests,
            Is.EqualTo(expected));

    [Test]
    public void Read_AllowCrossOriginRequestsNotABoolean_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:AllowCrossOriginRequests"] = "yes" }).Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'o': 'yes' at configuration key 'Amplify:Endpoints:o:AllowCrossOriginRequests' is not true or false." }));

    [TestCase("Access", AmplifyUserPoolTokenType.Access)]
    [TestCase("accesstoken", AmplifyUserPoolTokenType.Access)]
    [TestCase("ID", AmplifyUserPoolTokenType.Id)]
    [TestCase("IdToken", AmplifyUserPoolTokenType.Id)]
    public void Read_TokenType_IsReadByNameIgnoringCase(string value, AmplifyUserPoolTokenType expected)
    {
        var target = new AmplifyRestApiOptions();
        var (options, _) = ReadWithNotices(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:TokenType"] = value }, target);

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Endpoints["o"].TokenType, Is.EqualTo(expected));
    }

    [TestCase("1")]
    [TestCase("Refresh")]
    public void Read_UnknownTokenType_IsTheExactMessageAndKeepsAccess(string value)
    {
        var (options, _) = Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:TokenType"] = value });

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { $"Endpoint 'o': unknown token type '{value}' at configuration key 'Amplify:Endpoints:o:TokenType'; expected Access or Id." }));
        Assert.That(options.Endpoints["o"].TokenType, Is.EqualTo(AmplifyUserPoolTokenType.Access));
    }

    [TestCase("true", true)]
    [TestCase("FALSE", false)]
    public void Read_BearerPrefix_IsRead(string value, bool expected) =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:BearerPrefix"] = value }).Options.Endpoints["o"].BearerPrefix,
            Is.EqualTo(expected));

    [Test]
    public void Read_BearerPrefixNotABoolean_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:BearerPrefix"] = "Bearer" }).Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'o': 'Bearer' at configuration key 'Amplify:Endpoints:o:BearerPrefix' is not true or false." }));

    [Test]
    public void Read_MaxBufferedRequestBodyBytesNotANumber_IsTheExactMessageAndKeepsTheDefault()
    {
        var (options, _) = Read(new() { ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/", ["Amplify:Endpoints:o:MaxBufferedRequestBodyBytes"] = "+5" });

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { "Endpoint 'o': '+5' at configuration key 'Amplify:Endpoints:o:MaxBufferedRequestBodyBytes' is not a whole number of bytes; expected e.g. 10485760 (10 MB, API Gateway's payload limit)." }));
        Assert.That(options.Endpoints["o"].MaxBufferedRequestBodyBytes, Is.EqualTo(10_485_760));
    }

    [Test]
    public void Read_HeaderSectionWithoutValue_IsTheExactMessageAndTheOthersAreRead()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:o:Headers:x-nested:inner"] = "v",
            ["Amplify:Endpoints:o:Headers:x-tenant"] = "t",
        });

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { "Endpoint 'o': header 'x-nested' at configuration key 'Amplify:Endpoints:o:Headers:x-nested' has no value; expected a string." }));
        Assert.That(options.Endpoints["o"].Headers, Is.EquivalentTo(new Dictionary<string, string> { ["x-tenant"] = "t" }));
    }

    [Test]
    public void Read_Resilience_IsReadForEachEndpoint()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:o:Resilience:MaxRetryAttempts"] = "5",
        });

        Assert.That(options.Endpoints["o"].Resilience.MaxRetryAttempts, Is.EqualTo(5));
    }

    [Test]
    public void Read_UnknownKeysAtEachLevel_AreNotedWithTheirPaths()
    {
        var (options, notices) = ReadWithNotices(new()
        {
            ["Amplify:Extra"] = "x",
            ["Amplify:Endpoints:o:Endpoint"] = "https://a.example.com/",
            ["Amplify:Endpoints:o:Stage"] = "dev",
            ["Amplify:Endpoints:o:Resilience:Retries"] = "3",
            ["Amplify:Auth:Mfa"] = "x",
            ["Amplify:Auth:UserPool:PoolId"] = "p",
            ["Amplify:Auth:UserPool:Domain"] = "x",
            ["Amplify:Auth:IdentityPool:PoolId"] = "i",
            ["Amplify:Auth:IdentityPool:Roles"] = "x",
            ["Amplify:Credentials:Profile"] = "x",
        });

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(notices.UnknownKeys.Select(k => k.Path), Is.EquivalentTo(new[]
        {
            "configuration key 'Amplify:Extra'",
            "configuration key 'Amplify:Endpoints:o:Stage'",
            "configuration key 'Amplify:Endpoints:o:Resilience:Retries'",
            "configuration key 'Amplify:Auth:Mfa'",
            "configuration key 'Amplify:Auth:UserPool:Domain'",
            "configuration key 'Amplify:Auth:IdentityPool:Roles'",
            "configuration key 'Amplify:Credentials:Profile'",
        }));
    }

    [Test]
    public void Read_ConfigurationRoot_ChecksNoRootKeysAndNamesTheRootWhenEmpty()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" }).Build();
        var options = new AmplifyRestApiOptions();
        var notices = new AmplifyConfigurationNotices();

        AmplifyConfigurationSectionReader.Read(root, options, notices);

        Assert.That(notices.UnknownKeys, Is.Empty);
        Assert.That(options.LoadProblems, Is.EqualTo(new[] { "Configuration section '(configuration root)' has no 'Endpoints' or 'Auth'; check the section name passed to AddAmplifyRestApi." }));
    }

    [Test]
    public void Read_ConfigurationRootWithEndpoints_NamesKeysWithoutASectionPrefix()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Endpoints:o:Endpoint"] = "https://a.example.com/", ["Endpoints:o:TokenType"] = "x" }).Build();
        var options = new AmplifyRestApiOptions();

        AmplifyConfigurationSectionReader.Read(root, options);

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { "Endpoint 'o': unknown token type 'x' at configuration key 'Endpoints:o:TokenType'; expected Access or Id." }));
    }

    [Test]
    public void Read_MissingSection_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Other:Key"] = "x" }).Options.LoadProblems,
            Is.EqualTo(new[] { "Configuration section 'Amplify' has no 'Endpoints' or 'Auth'; check the section name passed to AddAmplifyRestApi." }));

    [TestCase("Amplify:Credentials:AccessKeyId")]
    [TestCase("Amplify:Auth:UserPool:PoolId")]
    [TestCase("Amplify:Auth:IdentityPool:PoolId")]
    [TestCase("Amplify:Auth:TokenRefreshWindow")]
    [TestCase("Amplify:Endpoints:o:Endpoint")]
    public void Read_SectionWithAnyPart_IsNotReportedMissing(string key) =>
        Assert.That(Read(new() { [key] = "00:01:00" }).Options.LoadProblems, Has.None.Contains("has no 'Endpoints' or 'Auth'"));

    [Test]
    public void Read_UserPool_FillsEveryKeyTrimmed()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Auth:UserPool:PoolId"] = " us-west-2_abc ",
            ["Amplify:Auth:UserPool:AppClientId"] = "client",
            ["Amplify:Auth:UserPool:AppClientSecret"] = "secret",
            ["Amplify:Auth:UserPool:Region"] = "us-west-2",
            ["Amplify:Auth:UserPool:AuthenticationFlowType"] = "USER_PASSWORD_AUTH",
            ["Amplify:Auth:UserPool:Endpoint"] = "http://127.0.0.1:9229/",
        });

        var pool = options.Auth.UserPool!;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (pool.PoolId, pool.AppClientId, pool.AppClientSecret, pool.Region, pool.AuthenticationFlowType, pool.Endpoint),
            Is.EqualTo(("us-west-2_abc", "client", "secret", "us-west-2", "USER_PASSWORD_AUTH", new Uri("http://127.0.0.1:9229/"))));
    }

    [Test]
    public void Read_UserPoolBlankKeys_KeepWhatTheFileOrCodeSet()
    {
        var target = new AmplifyRestApiOptions();
        var endpoint = new Uri("https://cognito.example.com/");
        target.Auth.UserPool = new CognitoUserPoolOptions
        {
            PoolId = "p", AppClientId = "c", AppClientSecret = "s", Region = "us-east-1", AuthenticationFlowType = "USER_PASSWORD_AUTH", Endpoint = endpoint,
        };

        var (options, _) = ReadWithNotices(new()
        {
            ["Amplify:Auth:UserPool:PoolId"] = " ",
            ["Amplify:Auth:UserPool:AppClientId"] = "",
            ["Amplify:Auth:UserPool:AppClientSecret"] = " ",
            ["Amplify:Auth:UserPool:Region"] = " ",
            ["Amplify:Auth:UserPool:AuthenticationFlowType"] = " ",
            ["Amplify:Auth:UserPool:Endpoint"] = " ",
        }, target);

        var pool = options.Auth.UserPool!;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (pool.PoolId, pool.AppClientId, pool.AppClientSecret, pool.Region, pool.AuthenticationFlowType, pool.Endpoint),
            Is.EqualTo(("p", "c", "s", "us-east-1", "USER_PASSWORD_AUTH", endpoint)));
    }

    [Test]
    public void Read_IdentityPoolBlankKeys_KeepWhatTheFileOrCodeSet()
    {
        var target = new AmplifyRestApiOptions();
        var endpoint = new Uri("https://identity.example.com/");
        var sts = new Uri("https://sts.example.com/");
        target.Auth.IdentityPool = new CognitoIdentityPoolOptions
        {
            PoolId = "i", Region = "us-east-1", Endpoint = endpoint, UnauthenticatedRoleArn = "u", AuthenticatedRoleArn = "a", StsEndpoint = sts,
        };

        var (options, _) = ReadWithNotices(new()
        {
            ["Amplify:Auth:IdentityPool:PoolId"] = " ",
            ["Amplify:Auth:IdentityPool:Region"] = " ",
            ["Amplify:Auth:IdentityPool:Endpoint"] = " ",
            ["Amplify:Auth:IdentityPool:UnauthenticatedRoleArn"] = " ",
            ["Amplify:Auth:IdentityPool:AuthenticatedRoleArn"] = " ",
            ["Amplify:Auth:IdentityPool:StsEndpoint"] = " ",
        }, target);

        var pool = options.Auth.IdentityPool!;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (pool.PoolId, pool.Region, pool.Endpoint, pool.UnauthenticatedRoleArn, pool.AuthenticatedRoleArn, pool.StsEndpoint),
            Is.EqualTo(("i", "us-east-1", endpoint, "u", "a", sts)));
    }

    [Test]
    public void Read_IdentityPool_FillsRegionAndEndpoint()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Auth:IdentityPool:PoolId"] = "us-west-2:1",
            ["Amplify:Auth:IdentityPool:Region"] = " us-west-2 ",
            ["Amplify:Auth:IdentityPool:Endpoint"] = "http://127.0.0.1:9230/",
        });

        Assert.That((options.Auth.IdentityPool!.Region, options.Auth.IdentityPool.Endpoint), Is.EqualTo(("us-west-2", new Uri("http://127.0.0.1:9230/"))));
    }

    [Test]
    public void Read_UserPoolEndpointNotAbsolute_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Amplify:Auth:UserPool:Endpoint"] = "cognito/local" }).Options.LoadProblems,
            Is.EqualTo(new[] { "'cognito/local' at configuration key 'Amplify:Auth:UserPool:Endpoint' is not an absolute URI." }));

    [Test]
    public void Read_NoUserPoolOrIdentityPoolSection_LeavesThemUnset()
    {
        var (options, _) = Read(new() { ["Amplify:Auth:TokenRefreshWindow"] = "00:01:00" });

        Assert.That((options.Auth.UserPool, options.Auth.IdentityPool), Is.EqualTo(((CognitoUserPoolOptions?)null, (CognitoIdentityPoolOptions?)null)));
    }

    [Test]
    public void Read_TokenRefreshWindowZero_IsAccepted() =>
        Assert.That(Read(new() { ["Amplify:Auth:TokenRefreshWindow"] = "00:00:00" }).Options.Auth.TokenRefreshWindow, Is.EqualTo(TimeSpan.Zero));

    [Test]
    public void Read_TokenRefreshWindowBad_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Amplify:Auth:TokenRefreshWindow"] = "soon" }).Options.LoadProblems,
            Is.EqualTo(new[] { "'soon' at configuration key 'Amplify:Auth:TokenRefreshWindow' is not a time span such as 00:05:00." }));

    [Test]
    public void Read_Credentials_FillsEveryKeyTrimmed()
    {
        var (options, _) = Read(new()
        {
            ["Amplify:Credentials:AccessKeyId"] = " AKID ",
            ["Amplify:Credentials:SecretAccessKey"] = "secret",
            ["Amplify:Credentials:SessionToken"] = "token",
            ["Amplify:Credentials:UseAwsSdkCredentialChain"] = "true",
            ["Amplify:Credentials:RefreshWindow"] = "00:02:00",
        });

        var credentials = options.Credentials;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.UseAwsSdkCredentialChain, credentials.RefreshWindow),
            Is.EqualTo(("AKID", "secret", "token", true, TimeSpan.FromMinutes(2))));
    }

    [Test]
    public void Read_CredentialsBlankKeys_KeepWhatCodeSet()
    {
        var target = new AmplifyRestApiOptions();
        target.Credentials.AccessKeyId = "AKID";
        target.Credentials.SecretAccessKey = "secret";
        target.Credentials.SessionToken = "token";
        target.Credentials.UseAwsSdkCredentialChain = true;
        target.Credentials.RefreshWindow = TimeSpan.FromMinutes(3);

        var (options, _) = ReadWithNotices(new()
        {
            ["Amplify:Credentials:AccessKeyId"] = " ",
            ["Amplify:Credentials:SecretAccessKey"] = " ",
            ["Amplify:Credentials:SessionToken"] = " ",
            ["Amplify:Credentials:UseAwsSdkCredentialChain"] = " ",
            ["Amplify:Credentials:RefreshWindow"] = " ",
        }, target);

        var credentials = options.Credentials;
        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(
            (credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, credentials.UseAwsSdkCredentialChain, credentials.RefreshWindow),
            Is.EqualTo(("AKID", "secret", "token", true, TimeSpan.FromMinutes(3))));
    }

    [Test]
    public void Read_UseAwsSdkCredentialChainNotABoolean_IsTheExactMessage() =>
        Assert.That(
            Read(new() { ["Amplify:Credentials:UseAwsSdkCredentialChain"] = "sdk" }).Options.LoadProblems,
            Is.EqualTo(new[] { "'sdk' at configuration key 'Amplify:Credentials:UseAwsSdkCredentialChain' is not true or false." }));

    [TestCase("later")]
    [TestCase("-00:00:01")]
    public void Read_RefreshWindowNotATimeSpan_IsTheExactMessageAndKeepsTheDefault(string value)
    {
        var (options, _) = Read(new() { ["Amplify:Credentials:RefreshWindow"] = value });

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { $"'{value}' at configuration key 'Amplify:Credentials:RefreshWindow' is not a time span such as 00:05:00." }));
        Assert.That(options.Credentials.RefreshWindow, Is.EqualTo(new AwsCredentialsOptions().RefreshWindow));
    }

    [Test]
    public void Read_RefreshWindowZero_IsAccepted() =>
        Assert.That(Read(new() { ["Amplify:Credentials:RefreshWindow"] = "00:00:00" }).Options.Credentials.RefreshWindow, Is.EqualTo(TimeSpan.Zero));
}
