using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>
/// Nothing the user wrote is silently ignored: inside the sections the readers read, a mis-cased key is a start-up
/// error naming both spellings and where it is, an unknown key whose name says it is an address is an error where
/// secrets travel, and any other unknown key is a start-up warning (event 1110) naming it. Through a real
/// ServiceCollection, as users meet it.
/// </summary>
[TestFixture]
public sealed class ConfigurationKeyCheckTests
{
    private const string Stage = "https://abc.execute-api.us-west-2.amazonaws.com/dev";

    private static string Gen1Auth(string userPool = "", string identityPool = "", string authDefault = "") => $$"""
        { "auth": { "plugins": { "awsCognitoAuthPlugin": {
            "CognitoUserPool": { "Default": { "PoolId": "us-west-2_abc", "AppClientId": "client"{{userPool}} } },
            "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "us-west-2:1111"{{identityPool}} } } },
            "Auth": { "Default": { "authenticationFlowType": "USER_SRP_AUTH"{{authDefault}} } } } } },
          "api": { "plugins": { "awsAPIPlugin": { "orders": { "endpointType": "REST", "endpoint": "{{Stage}}", "region": "us-west-2", "authorizationType": "NONE" } } } } }
        """;

    private static string Gen1Endpoint(string extra) => $$"""
        { "awsAPIPlugin": { "orders": { "endpointType": "REST", "endpoint": "{{Stage}}", "region": "us-west-2", "authorizationType": "API_KEY", "apiKey": "key-123"{{extra}} } } }
        """;

    public static IEnumerable<TestCaseData> MisCasedJsonKeys()
    {
        TestCaseData Case(string name, string json, string written, string known, string path) =>
            new TestCaseData(json, written, known, path).SetName($"Validate_MisCasedKey_{name}_IsAnErrorNamingBothSpellings");

        yield return Case("CognitoEndpoint", Gen1Auth(userPool: """, "endpoint": "http://127.0.0.1:9229/" """), "endpoint", "Endpoint",
            "$.auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default.endpoint");
        yield return Case("IdentityPoolEndpoint", Gen1Auth(identityPool: """, "endPoint": "http://127.0.0.1:9230/" """), "endPoint", "Endpoint",
            "$.auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default.endPoint");
        yield return Case("AppClientSecret", Gen1Auth(userPool: """, "appClientSecret": "s" """), "appClientSecret", "AppClientSecret",
            "$.auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default.appClientSecret");
        yield return Case("FlowType", Gen1Auth(authDefault: """, "AuthenticationFlowType": "USER_PASSWORD_AUTH" """), "AuthenticationFlowType", "authenticationFlowType",
            "$.auth.plugins.awsCognitoAuthPlugin.Auth.Default.AuthenticationFlowType");
        yield return Case("ApiKey", """{ "awsAPIPlugin": { "orders": { "endpoint": "https://abc.execute-api.us-west-2.amazonaws.com/dev", "authorizationType": "API_KEY", "apikey": "key-123" } } }""",
            "apikey", "apiKey", "$.awsAPIPlugin.orders.apikey");
        yield return Case("Gen2Region", """{ "version": "1", "auth": { "AWS_REGION": "us-west-2", "user_pool_id": "us-west-2_abc", "user_pool_client_id": "c" } }""",
            "AWS_REGION", "aws_region", "$.auth.AWS_REGION");
        yield return Case("Gen2RestUrl", """{ "version": "1", "rest_api": { "orders": { "URL": "https://abc.execute-api.us-west-2.amazonaws.com/dev", "authorization_type": "NONE" } } }""",
            "URL", "url", "$.rest_api.orders.URL");
        yield return Case("Gen2CustomApi", """{ "version": "1", "custom": { "API": { "orders": { "endpoint": "https://abc.execute-api.us-west-2.amazonaws.com/dev", "Region": "us-west-2" } } } }""",
            "Region", "region", "$.custom.API.orders.Region");
        yield return Case("JsUserPool", """{ "aws_project_region": "us-west-2", "aws_user_pools_ID": "us-west-2_abc", "aws_user_pools_web_client_id": "c" }""",
            "aws_user_pools_ID", "aws_user_pools_id", "$.aws_user_pools_ID");
    }

    [TestCase("""{ "auth": { "plugins": { "awsCognitoAuthPlugin": { "CognitoUserPool": { "default": { "PoolId": "us-west-2_abc", "AppClientId": "c" } } } } } }""",
        "'default' at $.auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.default differs from the key 'Default' only in case")]
    [TestCase("""{ "auth": { "plugins": { "awsCognitoAuthPlugin": { "credentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "us-west-2:1" } } } } } } }""",
        "'credentialsProvider' at $.auth.plugins.awsCognitoAuthPlugin.credentialsProvider differs from the key 'CredentialsProvider' only in case")]
    [TestCase("""{ "api": { "plugins": { "awsApiPlugin": { "a": { "endpoint": "https://abc.execute-api.us-west-2.amazonaws.com/dev", "authorizationType": "NONE" } } } } }""",
        "'awsApiPlugin' at $.api.plugins.awsApiPlugin differs from the key 'awsAPIPlugin' only in case")]
    [TestCase("""{ "version": "1", "custom": { "api": { "a": { "endpoint": "https://abc.execute-api.us-west-2.amazonaws.com/dev" } } } }""",
        "'api' at $.custom.api differs from the key 'API' only in case")]
    public void Validate_MisCasedContainer_IsAnErrorInsteadOfDroppingItsContents(string json, string expected)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(json));

        Assert.That(ex!.Failures, Has.One.Contains(expected).And.Contains("everything in it would be ignored"));
    }

    [TestCaseSource(nameof(MisCasedJsonKeys))]
    public void Validate_MisCasedKey_IsAnErrorNamingBothSpellings(string json, string written, string known, string path)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(json));

        Assert.That(ex!.Failures, Has.One.Contains($"'{written}' at {path} differs from the key '{known}' only in case"));
    }

    [Test]
    public void Validate_MisCasedCognitoEndpoint_SaysTheSecretsWouldGoElsewhere()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(Gen1Auth(userPool: """, "endpoint": "http://127.0.0.1:9229/" """)));

        Assert.That(ex!.Failures, Has.One.Contains("would go to the default address instead; rename it to 'Endpoint'"));
    }

    [TestCase("CognitoUserPool", "EndpointUrl", "The user pool's endpoint override is read from 'Endpoint' only.")]
    [TestCase("CognitoIdentity", "ServiceURL", "The identity pool's endpoint override is read from 'Endpoint' only.")]
    public void Validate_UnknownAddressKeyWhereSecretsTravel_IsAnError(string section, string key, string hint)
    {
        var json = section == "CognitoUserPool"
            ? Gen1Auth(userPool: $$""", "{{key}}": "http://127.0.0.1:9229/" """)
            : Gen1Auth(identityPool: $$""", "{{key}}": "http://127.0.0.1:9229/" """);

        var ex = Assert.Throws<OptionsValidationException>(() => Options(json));

        Assert.That(ex!.Failures, Has.One.Contains($"'{key}' at ").And.Contains("its name says it is an address").And.Contains(hint));
    }

    [Test]
    public void Validate_Gen2AuthWithAnEndpointKey_IsAnErrorPointingToCode()
    {
        const string json = """{ "version": "1", "auth": { "aws_region": "us-west-2", "user_pool_id": "us-west-2_abc", "user_pool_client_id": "c", "user_pool_endpoint": "http://127.0.0.1:9229/" } }""";

        var ex = Assert.Throws<OptionsValidationException>(() => Options(json));

        Assert.That(ex!.Failures, Has.One.Contains("'user_pool_endpoint' at $.auth.user_pool_endpoint").And.Contains("set Auth.UserPool.Endpoint or Auth.IdentityPool.Endpoint in code"));
    }

    [Test]
    public void Value_UnknownKeyInRestEntry_LoadsAndWarnsOnceNamingIt()
    {
        var logs = new FakeLogCollector();

        using var provider = Provider(Gen1Endpoint(""", "tokenType": "Id" """), logs);
        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        _ = provider.GetRequiredService<IOptionsMonitor<AmplifyRestApiOptions>>().CurrentValue;
        using (var scope = provider.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AmplifyRestApiOptions>>().Value;
        }

        var warnings = logs.GetSnapshot().Where(r => r.Id.Id == 1110).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].Message, Does.Contain("$.awsAPIPlugin.orders.tokenType").And.Contains("endpointType, endpoint, region, authorizationType, apiKey"));
    }

    [Test]
    public void Value_AmplifysOwnKeysTheLibraryDoesNotNeed_AreNotWarnedAbout()
    {
        var logs = new FakeLogCollector();
        var json = Gen1Auth(userPool: """, "HostedUI": {} """, authDefault: """, "OAuth": {}, "socialProviders": [], "mfaConfiguration": "OFF", "loginMechanisms": [] """);

        using var provider = Provider(json, logs);
        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;

        Assert.That(logs.GetSnapshot().Where(r => r.Id.Id == 1110).Select(r => r.Message), Is.Empty);
    }

    [Test]
    public void Value_UnknownKeyInUserPool_WarnsNamingItsPathAndFile()
    {
        var logs = new FakeLogCollector();

        using var file = new TempFile("amplifyconfiguration.json", Gen1Auth(userPool: """, "UsernameAliases": ["email"] """));
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;

        Assert.That(logs.GetSnapshot().Where(r => r.Id.Id == 1110).Select(r => r.Message),
            Has.One.Contains($"$.auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default.UsernameAliases in '{file.Path}'"));
    }

    [Test]
    public void Value_SectionWithUnknownKeys_WarnsForEachOnce()
    {
        var logs = new FakeLogCollector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "NONE",
            ["Amplify:Endpoints:orders:Timeout"] = "00:00:10",
            ["Amplify:Endpoints:orders:MaxBufferedRequestBodyBytes"] = "1024",
            ["Amplify:Endpoints:orders:Resilience:MaxRetryAttempts"] = "1",
            ["Amplify:Endpoints:orders:Resilience:MaxRetries"] = "1",
            ["Amplify:Auth:UserPool:PoolId"] = "us-west-2_abc",
            ["Amplify:Auth:UserPool:ClientId"] = "client",
            ["Amplify:Credential:AccessKeyId"] = "AKID",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        using (var scope = provider.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AmplifyRestApiOptions>>().Value;
        }

        Assert.That(logs.GetSnapshot().Where(r => r.Id.Id == 1110).Select(r => r.Message), Is.EquivalentTo(new[]
        {
            "Ignored configuration key 'Amplify:Credential': AmplifyAuthHandlers does not read this key (it reads Endpoints, Auth, Credentials there). Check its spelling, or remove it.",
            "Ignored configuration key 'Amplify:Endpoints:orders:Timeout': AmplifyAuthHandlers does not read this key (it reads Endpoint, Url, Region, AuthorizationType, ApiKey, AllowCrossOriginRequests, TokenType, BearerPrefix, Headers, MaxBufferedRequestBodyBytes, Resilience there). Check its spelling, or remove it.",
            "Ignored configuration key 'Amplify:Endpoints:orders:Resilience:MaxRetries': AmplifyAuthHandlers does not read this key (it reads Enabled, MaxRetryAttempts, RetryNonIdempotent, AttemptTimeout, TotalTimeout there). Check its spelling, or remove it.",
            "Ignored configuration key 'Amplify:Auth:UserPool:ClientId': AmplifyAuthHandlers does not read this key (it reads PoolId, AppClientId, AppClientSecret, Region, Endpoint, AuthenticationFlowType there). Check its spelling, or remove it.",
        }));
    }

    [Test]
    public void Validate_SectionUserPoolWithAnAddressKey_IsAnError()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Auth:UserPool:PoolId"] = "us-west-2_abc",
            ["Amplify:Auth:UserPool:AppClientId"] = "client",
            ["Amplify:Auth:UserPool:ServiceUrl"] = "http://127.0.0.1:9229/",
        }).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value);

        Assert.That(ex!.Failures, Has.One.Contains("'ServiceUrl' at configuration key 'Amplify:Auth:UserPool:ServiceUrl'").And.Contains("read from 'Endpoint' only"));
    }

    [Test]
    public void Value_SectionKeysInAnotherCase_AreReadAndNotWarnedAbout()
    {
        // IConfiguration matches keys whatever their case: 'endpoint' is Endpoint there, so nothing is ignored.
        var logs = new FakeLogCollector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["amplify:endpoints:orders:endpoint"] = Stage,
            ["amplify:endpoints:orders:authorizationtype"] = "NONE",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var options = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;

        Assert.That(options.Endpoints["orders"].Endpoint, Is.EqualTo(new Uri(Stage)));
        Assert.That(logs.GetSnapshot().Where(r => r.Id.Id == 1110), Is.Empty);
    }

    private static AmplifyRestApiOptions Options(string json)
    {
        using var provider = Provider(json, new FakeLogCollector());
        return provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
    }

    private static ServiceProvider Provider(string json, FakeLogCollector logs)
    {
        using var file = new TempFile("amplifyconfiguration.json", json);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(file.Path);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
