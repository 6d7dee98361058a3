using System.Text;
using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Configuration;

[TestFixture]
public sealed class AmplifyJsonConfigurationReaderTests
{
    private static AmplifyRestApiOptions Read(string json)
    {
        var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(json), "test.json");
        return result.Options;
    }

    [TestCase(AmplifyPageSnippets.IamEndpoint, AmplifyAuthorizationType.AwsIam, null)]
    [TestCase(AmplifyPageSnippets.ApiKeyEndpoint, AmplifyAuthorizationType.ApiKey, "YOUR_API_KEY")]
    [TestCase(AmplifyPageSnippets.UserPoolsEndpoint, AmplifyAuthorizationType.AmazonCognitoUserPools, null)]
    public void ReadJson_PageFragment_LoadsEndpoint(string json, AmplifyAuthorizationType expectedType, string? expectedKey)
    {
        var options = Read(json);

        Assert.That(options.LoadProblems, Is.Empty);
        var endpoint = options.Endpoints[AmplifyPageSnippets.EndpointName];
        Assert.Multiple(() =>
        {
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(expectedType));
            Assert.That(endpoint.Region, Is.EqualTo("us-west-2"));
            Assert.That(endpoint.ApiKey, Is.EqualTo(expectedKey));
            Assert.That(endpoint.Endpoint!.OriginalString, Is.EqualTo(AmplifyPageSnippets.Placeholder));
        });
    }

    [Test]
    public void ReadJson_PageAuthPluginBody_LoadsBothPools()
    {
        var options = Read(AmplifyPageSnippets.CognitoAuthPlugin);

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(options.Auth.UserPool!.PoolId, Is.EqualTo("YOUR-POOL-ID"));
            Assert.That(options.Auth.UserPool.AppClientId, Is.EqualTo("YOUR-APP-CLIENT-ID"));
            Assert.That(options.Auth.UserPool.AppClientSecret, Is.EqualTo("YOUR-APP-CLIENT-SECRET"));
            Assert.That(options.Auth.UserPool.Region, Is.EqualTo("us-east-1"));
            Assert.That(options.Auth.IdentityPool!.PoolId, Is.EqualTo("YOUR-COGNITO-IDENTITY-POOLID"));
            Assert.That(options.Auth.IdentityPool.Region, Is.EqualTo("us-east-1"));
        });
    }

    [TestCase(AmplifyPageSnippets.IamEndpoint)]
    [TestCase(AmplifyPageSnippets.ApiKeyEndpoint)]
    [TestCase(AmplifyPageSnippets.UserPoolsEndpoint)]
    public void ReadJson_PageFragmentsInFullFileForm_LoadsEndpointAndAuth(string apiFragment)
    {
        var options = Read(AmplifyPageSnippets.FullFile(apiFragment, AmplifyPageSnippets.CognitoAuthPlugin));

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Endpoints.Keys, Is.EqualTo(new[] { AmplifyPageSnippets.EndpointName }));
        Assert.That(options.Auth.UserPool?.PoolId, Is.EqualTo("YOUR-POOL-ID"));
        Assert.That(options.Auth.IdentityPool?.PoolId, Is.EqualTo("YOUR-COGNITO-IDENTITY-POOLID"));
    }

    [Test]
    public void ReadJson_Gen1FullFile_ReadsAuthenticationFlowTypeAndEndpointOverride()
    {
        const string json = """
            { "api": { "plugins": { "awsAPIPlugin": {
                "items": { "endpointType": "REST", "endpoint": "https://a1.execute-api.eu-west-1.amazonaws.com/prod", "region": "eu-west-1", "authorizationType": "AWS_IAM" },
                "graph": { "endpointType": "GraphQL", "endpoint": "https://g.appsync-api.eu-west-1.amazonaws.com/graphql", "region": "eu-west-1", "authorizationType": "API_KEY", "apiKey": "da2-x" } } } },
              "auth": { "plugins": { "awsCognitoAuthPlugin": {
                "CognitoUserPool": { "Default": { "PoolId": "eu-west-1_abc", "AppClientId": "client", "Region": "eu-west-1", "Endpoint": "http://127.0.0.1:9229/" } },
                "Auth": { "Default": { "authenticationFlowType": "USER_PASSWORD_AUTH" } } } } } }
            """;

        var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(json), "test.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.Options.LoadProblems, Is.Empty);
            Assert.That(result.Options.Endpoints.Keys, Is.EqualTo(new[] { "items" }));
            Assert.That(result.SkippedGraphQlEndpoints, Is.EqualTo(new[] { "graph" }));
            Assert.That(result.Options.Auth.UserPool!.AuthenticationFlowType, Is.EqualTo("USER_PASSWORD_AUTH"));
            Assert.That(result.Options.Auth.UserPool.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9229/")));
        });
    }

    [Test]
    public void ReadJson_Gen2Outputs_ReadsRestApiCustomApiAndAuth()
    {
        const string json = """
            { "version": "1.3",
              "auth": { "aws_region": "us-east-2", "user_pool_id": "us-east-2_pool", "user_pool_client_id": "client2", "identity_pool_id": "us-east-2:0000" },
              "rest_api": { "orders": { "url": "https://o.execute-api.us-east-2.amazonaws.com/v1", "aws_region": "us-east-2", "authorization_type": "API_KEY", "api_key": "k-1" } },
              "custom": { "API": { "legacy": { "endpoint": "https://l.execute-api.us-east-2.amazonaws.com/dev", "region": "us-east-2", "apiName": "legacy" } } } }
            """;

        var options = Read(json);

        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(options.Endpoints["orders"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.ApiKey));
            Assert.That(options.Endpoints["orders"].ApiKey, Is.EqualTo("k-1"));
            Assert.That(options.Endpoints["orders"].Endpoint, Is.EqualTo(new Uri("https://o.execute-api.us-east-2.amazonaws.com/v1")));
            Assert.That(options.Endpoints["legacy"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(options.Endpoints["legacy"].Region, Is.EqualTo("us-east-2"));
            Assert.That(options.Auth.UserPool!.PoolId, Is.EqualTo("us-east-2_pool"));
            Assert.That(options.Auth.UserPool.AppClientId, Is.EqualTo("client2"));
            Assert.That(options.Auth.IdentityPool!.PoolId, Is.EqualTo("us-east-2:0000"));
            Assert.That(options.Auth.IdentityPool.Region, Is.EqualTo("us-east-2"));
        });
    }

    [TestCase("NONE", AmplifyAuthorizationType.None)]
    [TestCase("API_KEY", AmplifyAuthorizationType.ApiKey)]
    [TestCase("AWS_IAM", AmplifyAuthorizationType.AwsIam)]
    [TestCase("AMAZON_COGNITO_USER_POOLS", AmplifyAuthorizationType.AmazonCognitoUserPools)]
    [TestCase("OPENID_CONNECT", AmplifyAuthorizationType.OpenIdConnect)]
    [TestCase("AWS_LAMBDA", AmplifyAuthorizationType.AwsLambda)]
    [TestCase("aws_lambda", AmplifyAuthorizationType.AwsLambda)]
    public void ReadJson_EachAuthorizationType_IsParsed(string wireName, AmplifyAuthorizationType expected)
    {
        var options = Read($$"""{ "awsAPIPlugin": { "a": { "endpointType": "REST", "endpoint": "https://h.example.com/", "authorizationType": "{{wireName}}" } } }""");

        Assert.That(options.Endpoints["a"].AuthorizationType, Is.EqualTo(expected));
    }

    [Test]
    public void ReadJson_MissingAuthorizationType_DefaultsToIamLikeAmplify()
    {
        var options = Read("""{ "awsAPIPlugin": { "a": { "endpoint": "https://h.example.com/" } } }""");

        Assert.That(options.Endpoints["a"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
    }

    [Test]
    public void ReadJson_DuplicateEndpointName_IsReported()
    {
        var options = Read("""{ "awsAPIPlugin": { "a": { "endpoint": "https://h.example.com/" }, "a": { "endpoint": "https://i.example.com/" } } }""");

        Assert.That(options.LoadProblems, Has.One.Contains("'a'").And.Contains("more than once"));
    }

    private const string AwsExports = """
        {
            "aws_project_region": "us-east-1",
            "aws_cognito_identity_pool_id": "us-east-1:0000-1111",
            "aws_cognito_region": "us-east-1",
            "aws_user_pools_id": "us-east-1_Abc",
            "aws_user_pools_web_client_id": "client",
            "oauth": {},
            "aws_appsync_graphqlEndpoint": "https://g.appsync-api.us-east-1.amazonaws.com/graphql",
            "aws_cloud_logic_custom": [
                { "name": "leads-api", "endpoint": "https://nv01.execute-api.us-east-1.amazonaws.com/prod", "region": "us-east-1" },
                { "name": "admin", "endpoint": "https://ad01.execute-api.us-east-1.amazonaws.com/prod", "region": "us-east-1", "service": "execute-api" }
            ]
        }
        """;

    [Test]
    public void ReadJson_JavaScriptFlavouredFile_ReadsItsRestApisSignedWithIamAndBothPools()
    {
        var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(AwsExports), "aws-exports");

        Assert.Multiple(() =>
        {
            Assert.That(result.Options.LoadProblems, Is.Empty);
            Assert.That(result.Options.Endpoints.Keys, Is.EquivalentTo(new[] { "leads-api", "admin" }));
            Assert.That(result.Options.Endpoints.Values.Select(e => e.AuthorizationType), Is.All.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(result.Options.Endpoints["leads-api"].Endpoint, Is.EqualTo(new Uri("https://nv01.execute-api.us-east-1.amazonaws.com/prod")));
            Assert.That(result.Options.Endpoints["leads-api"].Region, Is.EqualTo("us-east-1"));
            Assert.That(result.Options.Auth.UserPool?.PoolId, Is.EqualTo("us-east-1_Abc"));
            Assert.That(result.Options.Auth.UserPool?.AppClientId, Is.EqualTo("client"));
            Assert.That(result.Options.Auth.UserPool?.Region, Is.EqualTo("us-east-1"));
            Assert.That(result.Options.Auth.IdentityPool?.PoolId, Is.EqualTo("us-east-1:0000-1111"));
            Assert.That(result.SkippedGraphQlEndpoints, Is.EqualTo(new[] { "aws_appsync_graphqlEndpoint" }));
            Assert.That(result.Notices.DefaultedToAwsIam.Select(n => n.EndpointName), Is.EqualTo(new[] { "leads-api", "admin" }));
            Assert.That(result.Notices.DefaultedToAwsIam[0].Path, Is.EqualTo("$.aws_cloud_logic_custom[0] in aws-exports"));
        });
    }

    [Test]
    public void ReadJson_JavaScriptFlavouredEmptyIdentityPool_IsAbsentAsInAmplifyJs()
    {
        const string json = """{ "aws_project_region": "us-east-1", "aws_cognito_identity_pool_id": "", "aws_user_pools_id": "us-east-1_Abc", "aws_user_pools_web_client_id": "c" }""";

        var options = Read(json);

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Auth.IdentityPool, Is.Null);
        Assert.That(options.Auth.UserPool?.PoolId, Is.EqualTo("us-east-1_Abc"));
    }

    [TestCase("""{ "aws_cloud_logic_custom": [ { "name": "a", "endpoint": "https://a.execute-api.us-east-1.amazonaws.com/p" } ] }""", "has aws_ keys but no $.aws_project_region")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": { "name": "a" } }""", "Expected an array at $.aws_cloud_logic_custom, found an object")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": [ { "endpoint": "https://a.execute-api.us-east-1.amazonaws.com/p" } ] }""", "The REST API at $.aws_cloud_logic_custom[0].name has no name")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": [ { "name": "a", "endpoint": "https://a.example.com/p", "service": "lambda" } ] }""", "REST API at $.aws_cloud_logic_custom[0] is signed for the service 'lambda'")]
    public void ReadJson_BadJavaScriptFlavouredFile_NamesTheProblem(string json, string expected) =>
        Assert.That(Read(json).LoadProblems, Has.One.Contains(expected));

    [TestCase("// AWS Exports configuration\nconst awsmobile = { \"aws_project_region\": \"us-east-1\" };\nexport default awsmobile;")]
    [TestCase("const awsmobile = {};")]
    [TestCase("\uFEFFexport default { aws_project_region: 'us-east-1' };")]
    public void ReadJson_TheJavaScriptFileItself_SaysToUseItsJsonForm(string javaScript) =>
        Assert.That(Read(javaScript).LoadProblems, Has.One.Contains("is JavaScript (aws-exports.js), not JSON").And.Contains("amplifyconfiguration.json"));

    [Test]
    public void ReadJson_Gen2DataOnly_LoadsWithZeroEndpointsAndSkipsIt()
    {
        const string json = """{ "version": "1", "data": { "url": "https://g.appsync-api.us-east-1.amazonaws.com/graphql", "aws_region": "us-east-1", "default_authorization_type": "API_KEY" } }""";

        var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(json), "test.json");

        Assert.That(result.Options.LoadProblems, Is.Empty);
        Assert.That(result.Options.Endpoints, Is.Empty);
        Assert.That(result.SkippedGraphQlEndpoints, Is.EqualTo(new[] { "data" }));
    }

    [Test]
    public void ReadJson_Gen2AuthWithEmptyIds_IsAnErrorSayingTheyAreEmpty() =>
        Assert.That(
            Read("""{ "version": "1", "auth": { "aws_region": "", "user_pool_id": "", "user_pool_client_id": "", "identity_pool_id": "" } }""").LoadProblems,
            Has.One.Contains("$.auth in test.json has no user_pool_id, user_pool_client_id or identity_pool_id (or they are empty)"));

    [Test]
    public void ReadJson_EndpointsWithoutAuthorizationType_AreNotedOncePerEndpoint()
    {
        const string json = """
            { "api": { "plugins": { "awsAPIPlugin": {
                "a": { "endpointType": "REST", "endpoint": "https://a.execute-api.us-east-1.amazonaws.com/p" },
                "b": { "endpointType": "REST", "endpoint": "https://b.execute-api.us-east-1.amazonaws.com/p", "authorizationType": "AWS_IAM" } } } } }
            """;

        var result = AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(json), "test.json");

        Assert.That(result.Options.Endpoints["a"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
        Assert.That(result.Notices.DefaultedToAwsIam, Is.EqualTo(new[] { ("a", "$.api.plugins.awsAPIPlugin.a in test.json") }));
    }

    private static AmplifyConfigurationReadResult ReadResult(string json) =>
        AmplifyJsonConfigurationReader.ReadJson(Encoding.UTF8.GetBytes(json), "test.json");

    [Test]
    public void ReadJson_Gen2CustomApiWithApiKey_ReadsUrlModeKeyAndRegionWithTheirPaths()
    {
        const string json = """
            { "version": "1.3",
              "custom": { "API": { "orders": { "endpoint": "https://api.example.com/v1", "region": "eu-west-1", "authorizationType": "API_KEY", "apiKey": "k-custom", "apiName": "orders" } } } }
            """;

        var result = ReadResult(json);

        var endpoint = result.Options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(result.Options.LoadProblems, Is.Empty);
            Assert.That(result.Notices.DefaultedToAwsIam, Is.Empty);
            Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("https://api.example.com/v1")));
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.ApiKey));
            Assert.That(endpoint.ApiKey, Is.EqualTo("k-custom"));
            Assert.That(endpoint.Region, Is.EqualTo("eu-west-1"));
            Assert.That(endpoint.PathOf("orders", "Endpoint"), Is.EqualTo("$.custom.API.orders.endpoint"));
            Assert.That(endpoint.PathOf("orders", "Region"), Is.EqualTo("$.custom.API.orders.region"));
            Assert.That(endpoint.PathOf("orders", "AuthorizationType"), Is.EqualTo("$.custom.API.orders.authorizationType"));
            Assert.That(endpoint.PathOf("orders", "ApiKey"), Is.EqualTo("$.custom.API.orders.apiKey"));
        });
    }

    [Test]
    public void ReadJson_Gen2CustomApiWithoutMode_IsIamNotedWithItsPath()
    {
        var result = ReadResult("""{ "custom": { "API": { "legacy": { "endpoint": "https://l.execute-api.us-east-2.amazonaws.com/dev" } } } }""");

        Assert.Multiple(() =>
        {
            Assert.That(result.Options.LoadProblems, Is.Empty);
            Assert.That(result.Options.Endpoints["legacy"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(result.Notices.DefaultedToAwsIam, Is.EqualTo(new[] { ("legacy", "$.custom.API.legacy in test.json") }));
        });
    }

    [Test]
    public void ReadJson_Gen2RestApi_ReadsAwsRegionAndRecordsTheSnakeCasePaths()
    {
        var result = ReadResult("""{ "rest_api": { "orders": { "url": " https://api.example.com/v1 ", "aws_region": "ap-south-1", "authorization_type": "AWS_IAM" } } }""");

        var endpoint = result.Options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(result.Options.LoadProblems, Is.Empty);
            Assert.That(endpoint.Region, Is.EqualTo("ap-south-1"));
            Assert.That(endpoint.Endpoint, Is.EqualTo(new Uri("https://api.example.com/v1")));
            Assert.That(endpoint.ApiKey, Is.Null);
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(result.Notices.DefaultedToAwsIam, Is.Empty);
            Assert.That(endpoint.PathOf("orders", "Endpoint"), Is.EqualTo("$.rest_api.orders.url"));
            Assert.That(endpoint.PathOf("orders", "Region"), Is.EqualTo("$.rest_api.orders.aws_region"));
            Assert.That(endpoint.PathOf("orders", "AuthorizationType"), Is.EqualTo("$.rest_api.orders.authorization_type"));
            Assert.That(endpoint.PathOf("orders", "ApiKey"), Is.EqualTo("$.rest_api.orders.api_key"));
        });
    }

    [Test]
    public void ReadJson_Gen2RestApiEndpointNotAnObject_NamesItsPath() =>
        Assert.That(
            ReadResult("""{ "rest_api": { "orders": "https://api.example.com/v1" } }""").Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'orders': expected an object at $.rest_api.orders, found a string." }));

    [Test]
    public void ReadJson_Gen2CustomApiEndpointNotAnObject_NamesItsPath() =>
        Assert.That(
            ReadResult("""{ "custom": { "API": { "orders": [] } } }""").Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'orders': expected an object at $.custom.API.orders, found an array." }));

    [Test]
    public void ReadJson_Gen2SameNameInRestApiAndCustomApi_IsReportedAtTheSecond() =>
        Assert.That(
            ReadResult("""{ "rest_api": { "a": { "url": "https://a.example.com/" } }, "custom": { "API": { "a": { "endpoint": "https://b.example.com/" } } } }""").Options.LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'a' at $.custom.API.a is defined more than once in test.json; endpoint names must be unique." }));

    [TestCase("""{ "version": "1", "auth": { "user_pool_id": "us-east-1_abc", "user_pool_client_id": "c" } }""", "USER_SRP_AUTH")]
    [TestCase("""{ "version": "1", "auth": { "user_pool_id": "us-east-1_abc", "user_pool_client_id": "c", "authentication_flow_type": null } }""", "USER_SRP_AUTH")]
    [TestCase("""{ "version": "1", "auth": { "user_pool_id": "us-east-1_abc", "user_pool_client_id": "c", "authentication_flow_type": "USER_PASSWORD_AUTH" } }""", "USER_PASSWORD_AUTH")]
    public void ReadJson_Gen2AuthenticationFlowType_IsReadOrDefaultsToSrp(string json, string expected)
    {
        var options = Read(json);

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Auth.UserPool!.AuthenticationFlowType, Is.EqualTo(expected));
    }

    [Test]
    public void ReadJson_Gen2AuthenticationFlowTypeNotAString_NamesItsPath() =>
        Assert.That(
            Read("""{ "version": "1", "auth": { "user_pool_id": "us-east-1_abc", "authentication_flow_type": 1 } }""").LoadProblems,
            Is.EqualTo(new[] { "Expected a string at $.auth.authentication_flow_type, found a number (test.json)." }));

    [Test]
    public void ReadJson_Gen2AuthWithClientIdOnly_HasAUserPoolAndNoIdentityPool()
    {
        var options = Read("""{ "auth": { "aws_region": "eu-west-1", "user_pool_client_id": "c" } }""");

        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(options.Auth.UserPool?.AppClientId, Is.EqualTo("c"));
            Assert.That(options.Auth.UserPool?.PoolId, Is.Null);
            Assert.That(options.Auth.UserPool?.Region, Is.EqualTo("eu-west-1"));
            Assert.That(options.Auth.IdentityPool, Is.Null);
        });
    }

    [Test]
    public void ReadJson_Gen2AuthWithIdentityPoolOnly_LoadsWithoutAUserPool()
    {
        var options = Read("""{ "auth": { "identity_pool_id": "eu-west-1:0000" } }""");

        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(options.Auth.UserPool, Is.Null);
            Assert.That(options.Auth.IdentityPool?.PoolId, Is.EqualTo("eu-west-1:0000"));
            Assert.That(options.Auth.IdentityPool?.Region, Is.Null);
        });
    }

    [Test]
    public void ReadJson_Gen2AuthWithEmptyIds_IsTheExactMessageAndNothingElse() =>
        Assert.That(
            Read("""{ "version": "1", "auth": { "user_pool_id": " " } }""").LoadProblems,
            Is.EqualTo(new[] { "$.auth in test.json has no user_pool_id, user_pool_client_id or identity_pool_id (or they are empty): the auth resources were not deployed when the file was generated. Run 'npx ampx generate outputs' after deploying, or remove $.auth." }));

    [Test]
    public void ReadJson_Gen1AuthDefaultWithFlowTypeOnly_CreatesAUserPoolWithIt()
    {
        var options = Read("""{ "awsCognitoAuthPlugin": { "Auth": { "Default": { "authenticationFlowType": "USER_PASSWORD_AUTH" } } } }""");

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Auth.UserPool?.AuthenticationFlowType, Is.EqualTo("USER_PASSWORD_AUTH"));
        Assert.That(options.Auth.UserPool?.PoolId, Is.Null);
    }

    [Test]
    public void ReadJson_Gen1AuthDefaultWithoutFlowType_KeepsTheSrpDefault()
    {
        var options = Read("""{ "plugins": { "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc", "AppClientId": "c" } }, "Auth": { "Default": { } } } } }""");

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Auth.UserPool?.AuthenticationFlowType, Is.EqualTo("USER_SRP_AUTH"));
        Assert.That(options.Auth.UserPool?.PoolId, Is.EqualTo("us-east-1_abc"));
    }

    [Test]
    public void ReadJson_Gen1AuthDefaultOnly_DoesNotCreateAUserPool()
    {
        var result = ReadResult("""{ "awsCognitoAuthPlugin": { "Auth": { "Default": { } } } }""");

        Assert.That(result.Options.Auth.UserPool, Is.Null);
        Assert.That(result.Options.LoadProblems, Has.One.Contains("has no REST endpoints or auth settings"));
    }

    [Test]
    public void ReadJson_Gen1PluginsForm_ReadsEndpointsAndAuthWithTheirPaths()
    {
        const string json = """
            { "plugins": {
                "awsAPIPlugin": { "orders": { "endpointType": "rest", "endpoint": "https://api.example.com/v1", "region": "eu-west-1", "authorizationType": "API_KEY", "apiKey": "k" } },
                "awsCognitoAuthPlugin": {
                  "CognitoUserPool": { "Default": { "PoolId": "eu-west-1_abc", "AppClientId": "c", "Endpoint": "http://127.0.0.1:9229/" } },
                  "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "eu-west-1:0000", "Region": "eu-west-1", "Endpoint": "http://127.0.0.1:9230/" } } } } } }
            """;

        var options = Read(json);

        var endpoint = options.Endpoints["orders"];
        Assert.Multiple(() =>
        {
            Assert.That(options.LoadProblems, Is.Empty);
            Assert.That(endpoint.ApiKey, Is.EqualTo("k"));
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.ApiKey));
            Assert.That(endpoint.PathOf("orders", "Endpoint"), Is.EqualTo("$.plugins.awsAPIPlugin.orders.endpoint"));
            Assert.That(endpoint.PathOf("orders", "Region"), Is.EqualTo("$.plugins.awsAPIPlugin.orders.region"));
            Assert.That(endpoint.PathOf("orders", "AuthorizationType"), Is.EqualTo("$.plugins.awsAPIPlugin.orders.authorizationType"));
            Assert.That(endpoint.PathOf("orders", "ApiKey"), Is.EqualTo("$.plugins.awsAPIPlugin.orders.apiKey"));
            Assert.That(options.Auth.UserPool?.PoolId, Is.EqualTo("eu-west-1_abc"));
            Assert.That(options.Auth.UserPool?.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9229/")));
            Assert.That(options.Auth.IdentityPool?.PoolId, Is.EqualTo("eu-west-1:0000"));
            Assert.That(options.Auth.IdentityPool?.Region, Is.EqualTo("eu-west-1"));
            Assert.That(options.Auth.IdentityPool?.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9230/")));
        });
    }

    [Test]
    public void ReadJson_Gen1FullFile_RecordsTheApiPluginPaths()
    {
        var options = Read("""{ "api": { "plugins": { "awsAPIPlugin": { "orders": { "endpoint": "https://api.example.com/v1", "authorizationType": "NONE" } } } } }""");

        Assert.That(options.Endpoints["orders"].PathOf("orders", "Endpoint"), Is.EqualTo("$.api.plugins.awsAPIPlugin.orders.endpoint"));
    }

    [TestCase("""{ "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": "x", "Endpoint": "http://[::1" } } } }""",
        "The URI of the user pool at $.awsCognitoAuthPlugin.CognitoUserPool.Default.Endpoint ('http://[::1') cannot be parsed; expected an absolute https:// URI.")]
    [TestCase("""{ "auth": { "plugins": { "awsCognitoAuthPlugin": { "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "x", "Endpoint": "http://[::1" } } } } } } }""",
        "The URI of the identity pool at $.auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default.Endpoint ('http://[::1') cannot be parsed; expected an absolute https:// URI.")]
    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": "http://[::1", "authorizationType": "NONE" } } }""",
        "The URI of endpoint 'a' at $.awsAPIPlugin.a.endpoint ('http://[::1') cannot be parsed; expected an absolute https:// URI.")]
    public void ReadJson_UnparsableUri_NamesWhoseAndThePath(string json, string expected) =>
        Assert.That(Read(json).LoadProblems, Is.EqualTo(new[] { expected }));

    [TestCase("""{ "api": { "Plugins": { } } }""", "'Plugins' at $.api.Plugins differs from the key 'plugins' only in case. Keys are case-sensitive here, so everything in it would be ignored; rename it to 'plugins'.")]
    [TestCase("""{ "api": { "plugins": { "awsApiPlugin": { } } } }""", "'awsApiPlugin' at $.api.plugins.awsApiPlugin differs from the key 'awsAPIPlugin' only in case")]
    [TestCase("""{ "plugins": { "AwsAPIPlugin": { } } }""", "'AwsAPIPlugin' at $.plugins.AwsAPIPlugin differs from the key 'awsAPIPlugin' only in case")]
    [TestCase("""{ "plugins": { "awscognitoauthplugin": { } } }""", "'awscognitoauthplugin' at $.plugins.awscognitoauthplugin differs from the key 'awsCognitoAuthPlugin' only in case")]
    [TestCase("""{ "auth": { "plugins": { "AWSCognitoAuthPlugin": { } } } }""", "'AWSCognitoAuthPlugin' at $.auth.plugins.AWSCognitoAuthPlugin differs from the key 'awsCognitoAuthPlugin' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "cognitoUserPool": { } } }""", "'cognitoUserPool' at $.awsCognitoAuthPlugin.cognitoUserPool differs from the key 'CognitoUserPool' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "CognitoUserPool": { "default": { } } } }""", "'default' at $.awsCognitoAuthPlugin.CognitoUserPool.default differs from the key 'Default' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "credentialsProvider": { } } }""", "'credentialsProvider' at $.awsCognitoAuthPlugin.credentialsProvider differs from the key 'CredentialsProvider' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "CredentialsProvider": { "cognitoIdentity": { } } } }""", "'cognitoIdentity' at $.awsCognitoAuthPlugin.CredentialsProvider.cognitoIdentity differs from the key 'CognitoIdentity' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "CredentialsProvider": { "CognitoIdentity": { "DEFAULT": { } } } } }""", "'DEFAULT' at $.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.DEFAULT differs from the key 'Default' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "auth": { } } }""", "'auth' at $.awsCognitoAuthPlugin.auth differs from the key 'Auth' only in case")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "Auth": { "default": { } } } }""", "'default' at $.awsCognitoAuthPlugin.Auth.default differs from the key 'Default' only in case")]
    [TestCase("""{ "version": "1", "custom": { "api": { } } }""", "'api' at $.custom.api differs from the key 'API' only in case")]
    public void ReadJson_MisCasedContainer_NamesItsPathAndTheKey(string json, string expected) =>
        Assert.That(Read(json).LoadProblems, Has.One.StartsWith(expected));

    [Test]
    public void ReadJson_PluginBodyAtTheRootWithOtherCasedKeys_IsNoMisCasing() =>
        Assert.That(Read("""{ "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } }, "credentialsprovider": { }, "auth2": { } }""").LoadProblems, Has.None.Contains("only in case"));

    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "region": 5 } } }""", "Expected a string at $.awsAPIPlugin.a.region, found a number (test.json).")]
    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": ["https://a.example.com/"] } } }""", "Expected a string at $.awsAPIPlugin.a.endpoint, found an array (test.json).")]
    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "apiKey": {} } } }""", "Expected a string at $.awsAPIPlugin.a.apiKey, found an object (test.json).")]
    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "authorizationType": false } } }""", "Expected a string at $.awsAPIPlugin.a.authorizationType, found a boolean (test.json).")]
    [TestCase("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "endpointType": 1 } } }""", "Expected a string at $.awsAPIPlugin.a.endpointType, found a number (test.json).")]
    [TestCase("""{ "rest_api": { "a": { "url": "https://a.example.com/", "aws_region": true } } }""", "Expected a string at $.rest_api.a.aws_region, found a boolean (test.json).")]
    [TestCase("""{ "rest_api": { "a": { "url": "https://a.example.com/", "api_key": 7 } } }""", "Expected a string at $.rest_api.a.api_key, found a number (test.json).")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": 1 } } } }""", "Expected a string at $.awsCognitoAuthPlugin.CognitoUserPool.Default.PoolId, found a number (test.json).")]
    [TestCase("""{ "awsAPIPlugin": null }""", "Expected an object at $.awsAPIPlugin, found null (test.json).")]
    [TestCase("""{ "api": { "plugins": null } }""", "Expected an object at $.api.plugins, found null (test.json).")]
    [TestCase("""{ "rest_api": "x" }""", "Expected an object at $.rest_api, found a string (test.json).")]
    [TestCase("""{ "version": "1", "auth": [] }""", "Expected an object at $.auth, found an array (test.json).")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": 1 } } }""", "Expected an object at $.awsCognitoAuthPlugin.CognitoUserPool.Default, found a number (test.json).")]
    [TestCase("""{ "api": [] }""", "Expected an object at $.api, found an array (test.json).")]
    [TestCase("""{ "plugins": 1 }""", "Expected an object at $.plugins, found a number (test.json).")]
    [TestCase("""{ "plugins": { "awsAPIPlugin": true } }""", "Expected an object at $.plugins.awsAPIPlugin, found a boolean (test.json).")]
    [TestCase("""{ "plugins": { "awsCognitoAuthPlugin": "x" } }""", "Expected an object at $.plugins.awsCognitoAuthPlugin, found a string (test.json).")]
    [TestCase("""{ "auth": 1 }""", "Expected an object at $.auth, found a number (test.json).")]
    [TestCase("""{ "auth": { "plugins": [] } }""", "Expected an object at $.auth.plugins, found an array (test.json).")]
    [TestCase("""{ "awsCognitoAuthPlugin": [] }""", "Expected an object at $.awsCognitoAuthPlugin, found an array (test.json).")]
    [TestCase("""{ "CognitoUserPool": 1 }""", "Expected an object at $.CognitoUserPool, found a number (test.json).")]
    [TestCase("""{ "awsCognitoAuthPlugin": { "Auth": { "Default": { "authenticationFlowType": 1 } } } }""", "Expected a string at $.awsCognitoAuthPlugin.Auth.Default.authenticationFlowType, found a number (test.json).")]
    [TestCase("""{ "version": "1", "custom": [] }""", "Expected an object at $.custom, found an array (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cognito_region": 1 }""", "Expected a string at $.aws_cognito_region, found a number (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_user_pools_id": 1 }""", "Expected a string at $.aws_user_pools_id, found a number (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_user_pools_web_client_id": 1 }""", "Expected a string at $.aws_user_pools_web_client_id, found a number (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cognito_identity_pool_id": 1 }""", "Expected a string at $.aws_cognito_identity_pool_id, found a number (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_appsync_graphqlEndpoint": 1 }""", "Expected a string at $.aws_appsync_graphqlEndpoint, found a number (test.json).")]
    [TestCase("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": [1] }""", "Expected an object at $.aws_cloud_logic_custom[0], found a number (test.json).")]
    [TestCase("""{ "api": { "plugins": { "awsAPIPlugin": {} } }, "auth": { "Plugins": {} } }""", "'Plugins' at $.auth.Plugins differs from the key 'plugins' only in case. Keys are case-sensitive here, so everything in it would be ignored; rename it to 'plugins'.")]
    public void ReadJson_WrongType_IsTheOnlyProblemNamingThePathAndTheSource(string json, string expected) =>
        Assert.That(Read(json).LoadProblems, Is.EqualTo(new[] { expected }));

    [TestCase("""{ "version": "1", "auth": { "aws_region": 1 } }""", "Expected a string at $.auth.aws_region, found a number (test.json).")]
    [TestCase("""{ "version": "1", "auth": { "user_pool_id": 1 } }""", "Expected a string at $.auth.user_pool_id, found a number (test.json).")]
    [TestCase("""{ "version": "1", "auth": { "user_pool_client_id": 1 } }""", "Expected a string at $.auth.user_pool_client_id, found a number (test.json).")]
    [TestCase("""{ "version": "1", "auth": { "identity_pool_id": 1 } }""", "Expected a string at $.auth.identity_pool_id, found a number (test.json).")]
    public void ReadJson_Gen2AuthValueOfTheWrongType_IsReportedAtItsPath(string json, string expected) =>
        Assert.That(Read(json).LoadProblems, Has.Member(expected));

    [Test]
    public void ReadJson_EndpointWithAnEmptyName_IsReportedAndNotAdded()
    {
        var result = ReadResult("""{ "awsAPIPlugin": { " ": { "endpoint": "https://a.example.com/" } } }""");

        Assert.That(result.Options.LoadProblems, Is.EqualTo(new[] { "An endpoint at $.awsAPIPlugin.  has an empty name; give it a name (the client name)." }));
        Assert.That(result.Options.Endpoints, Is.Empty);
    }

    [Test]
    public void ReadJson_Gen2DataThatIsNoObject_IsNotCountedAsAGraphQlEndpoint()
    {
        var result = ReadResult("""{ "version": "1", "data": "none" }""");

        Assert.That(result.SkippedGraphQlEndpoints, Is.Empty);
    }

    [Test]
    public void ReadJson_WrongTypeOfAuthorizationType_LeavesTheModeUnreadableAndNotDefaulted()
    {
        var result = ReadResult("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "authorizationType": 1 } } }""");

        Assert.That(result.Options.Endpoints["a"].AuthorizationTypeUnreadable, Is.True);
        Assert.That(result.Notices.DefaultedToAwsIam, Is.Empty);
    }

    [Test]
    public void ReadJson_UnknownAuthorizationType_LeavesTheModeUnreadable()
    {
        var result = ReadResult("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "authorizationType": "KERBEROS" } } }""");

        Assert.That(result.Options.Endpoints["a"].AuthorizationTypeUnreadable, Is.True);
        Assert.That(result.Options.LoadProblems, Is.EqualTo(new[] { $"Endpoint 'a': unknown authorizationType 'KERBEROS' at $.awsAPIPlugin.a.authorizationType; expected one of {AmplifyAuthorizationTypeNames.AllNames}." }));
    }

    [Test]
    public void ReadJson_KnownAuthorizationType_IsNotUnreadable() =>
        Assert.That(Read("""{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "authorizationType": "NONE" } } }""").Endpoints["a"].AuthorizationTypeUnreadable, Is.False);

    [TestCase("")]
    [TestCase(" ")]
    public void ReadJson_EndpointWithEmptyName_NamesItsPath(string name) =>
        Assert.That(
            Read($$"""{ "awsAPIPlugin": { "{{name}}": { "endpoint": "https://a.example.com/" } } }""").LoadProblems,
            Is.EqualTo(new[] { $"An endpoint at $.awsAPIPlugin.{name} has an empty name; give it a name (the client name)." }));

    [Test]
    public void ReadJson_DuplicateEndpointName_IsTheExactMessageAndKeepsTheFirst()
    {
        var options = Read("""{ "awsAPIPlugin": { "a": { "endpoint": "https://h.example.com/" }, "a": { "endpoint": "https://i.example.com/" } } }""");

        Assert.That(options.LoadProblems, Is.EqualTo(new[] { "Endpoint 'a' at $.awsAPIPlugin.a is defined more than once in test.json; endpoint names must be unique." }));
        Assert.That(options.Endpoints["a"].Endpoint, Is.EqualTo(new Uri("https://h.example.com/")));
    }

    [TestCase("REST")]
    [TestCase("rest")]
    [TestCase(null)]
    public void ReadJson_RestEndpointType_IsRead(string? endpointType)
    {
        var type = endpointType is null ? "" : $"\"endpointType\": \"{endpointType}\", ";
        var result = ReadResult($$"""{ "awsAPIPlugin": { "a": { {{type}}"endpoint": "https://a.example.com/", "authorizationType": "NONE" } } }""");

        Assert.That(result.Options.Endpoints.Keys, Is.EqualTo(new[] { "a" }));
        Assert.That(result.SkippedGraphQlEndpoints, Is.Empty);
    }

    [TestCase("GraphQL")]
    [TestCase("graphql")]
    public void ReadJson_GraphQlEndpointType_IsSkippedWithoutAProblem(string endpointType)
    {
        var result = ReadResult($$"""{ "awsAPIPlugin": { "g": { "endpointType": "{{endpointType}}", "endpoint": 5 } } }""");

        Assert.That(result.Options.Endpoints, Is.Empty);
        Assert.That(result.Options.LoadProblems, Is.Empty);
        Assert.That(result.SkippedGraphQlEndpoints, Is.EqualTo(new[] { "g" }));
    }

    [Test]
    public void ReadJson_UnknownEndpointType_IsTheExactMessageAndNotRead()
    {
        var result = ReadResult("""{ "awsAPIPlugin": { "w": { "endpointType": "WebSocket", "endpoint": "https://a.example.com/" } } }""");

        Assert.That(result.Options.Endpoints, Is.Empty);
        Assert.That(result.SkippedGraphQlEndpoints, Is.Empty);
        Assert.That(result.Options.LoadProblems, Is.EqualTo(new[] { "Endpoint 'w': unknown endpointType 'WebSocket' at $.awsAPIPlugin.w.endpointType; expected REST (GraphQL endpoints are skipped)." }));
    }

    [Test]
    public void ReadJson_Gen1EndpointNotAnObject_IsTheExactMessage() =>
        Assert.That(
            Read("""{ "awsAPIPlugin": { "a": 1, "b": { "endpoint": "https://b.example.com/" } } }""").LoadProblems,
            Is.EqualTo(new[] { "Endpoint 'a': expected an object at $.awsAPIPlugin.a, found a number." }));

    [TestCase("""{ "rest_api": { "a": { "url": "https://a.example.com/" } }, "api": { } }""")]
    [TestCase("""{ "rest_api": { "a": { "url": "https://a.example.com/" } }, "awsAPIPlugin": { } }""")]
    public void ReadJson_RestApiAtTheRoot_IsReadAsGen2(string json) =>
        Assert.That(Read(json).Endpoints.Keys, Is.EqualTo(new[] { "a" }));

    [Test]
    public void ReadJson_CustomOnly_IsReadAsGen2() =>
        Assert.That(Read("""{ "custom": { "API": { "a": { "endpoint": "https://a.example.com/" } } } }""").Endpoints.Keys, Is.EqualTo(new[] { "a" }));

    [Test]
    public void ReadJson_AuthWithoutPlugins_IsReadAsGen2() =>
        Assert.That(Read("""{ "auth": { "user_pool_id": "us-east-1_abc" } }""").Auth.UserPool?.PoolId, Is.EqualTo("us-east-1_abc"));

    [TestCase("""{ "version": "1", "auth": { "plugins": { "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } } } } } }""")]
    [TestCase("""{ "version": "1", "plugins": { "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } } } } }""")]
    [TestCase("""{ "custom": { }, "awsCognitoAuthPlugin": { "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } } }, "api": { } }""")]
    [TestCase("""{ "custom": { }, "awsAPIPlugin": { }, "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } } }""")]
    public void ReadJson_Gen1KeysBesideGen2Ones_IsReadAsGen1(string json) =>
        Assert.That(Read(json).Auth.UserPool?.PoolId, Is.EqualTo("us-east-1_abc"));

    [Test]
    public void ReadJson_AuthNotAnObjectWithoutGen2Keys_IsReadAsGen1() =>
        Assert.That(
            Read("""{ "auth": "x", "CognitoUserPool": { "Default": { "PoolId": "us-east-1_abc" } } }""").Auth.UserPool?.PoolId,
            Is.EqualTo("us-east-1_abc"));

    [TestCase("""{ "AWS_PROJECT_REGION": "us-east-1" }""")]
    [TestCase("""{ "Aws_Cognito_Region": "us-east-1" }""")]
    public void ReadJson_AwsPrefixInAnyCase_IsReadAsJavaScriptFlavoured(string json) =>
        Assert.That(Read(json).LoadProblems, Has.One.Contains("has aws_ keys but no $.aws_project_region"));

    [Test]
    public void ReadJson_JavaScriptFlavouredWithoutProjectRegion_IsTheExactMessage() =>
        Assert.That(
            Read("""{ "aws_user_pools_id": "us-east-1_abc" }""").LoadProblems,
            Is.EqualTo(new[] { "Amplify configuration test.json has aws_ keys but no $.aws_project_region, which every aws-exports / amplifyconfiguration.json the Amplify CLI writes has (amplify-js refuses the file without it). Add it, e.g. \"aws_project_region\": \"us-east-1\"." }));

    [Test]
    public void ReadJson_JavaScriptFlavouredUnknownKeys_AreNotWarnedAbout()
    {
        var result = ReadResult("""{ "aws_project_region": "us-east-1", "aws_user_pools_id": "us-east-1_abc", "aws_mobile_analytics_app_id": "x", "oauth": {} }""");

        Assert.That(result.Options.LoadProblems, Is.Empty);
        Assert.That(result.Notices.UnknownKeys, Is.Empty);
    }

    [Test]
    public void ReadJson_JavaScriptFlavouredIdentityPoolOnly_HasNoUserPool()
    {
        var options = Read("""{ "aws_project_region": "us-east-1", "aws_cognito_region": "eu-west-1", "aws_cognito_identity_pool_id": "eu-west-1:0000", "aws_user_pools_id": "" }""");

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Auth.UserPool, Is.Null);
        Assert.That(options.Auth.IdentityPool?.Region, Is.EqualTo("eu-west-1"));
    }

    [Test]
    public void ReadJson_JavaScriptFlavouredClientIdOnly_HasAUserPool() =>
        Assert.That(
            Read("""{ "aws_project_region": "us-east-1", "aws_user_pools_web_client_id": "c" }""").Auth.UserPool?.AppClientId,
            Is.EqualTo("c"));

    [Test]
    public void ReadJson_JavaScriptFlavouredEmptyGraphQlEndpoint_IsNotSkipped() =>
        Assert.That(
            ReadResult("""{ "aws_project_region": "us-east-1", "aws_user_pools_id": "us-east-1_abc", "aws_appsync_graphqlEndpoint": "" }""").SkippedGraphQlEndpoints,
            Is.Empty);

    [Test]
    public void ReadJson_JavaScriptFlavouredNullCloudLogic_IsNoProblem() =>
        Assert.That(Read("""{ "aws_project_region": "us-east-1", "aws_user_pools_id": "us-east-1_abc", "aws_cloud_logic_custom": null }""").LoadProblems, Is.Empty);

    [Test]
    public void ReadJson_JavaScriptFlavouredCloudLogicItems_AreNumberedInProblemsAndSkippedWhenBad()
    {
        const string json = """
            { "aws_project_region": "us-east-1", "aws_cloud_logic_custom": [
                7,
                { "endpoint": "https://b.example.com/" },
                { "name": "c", "endpoint": "https://c.example.com/", "region": "us-east-1", "service": "lambda" } ] }
            """;

        var result = ReadResult(json);

        Assert.That(result.Options.LoadProblems, Is.EqualTo(new[]
        {
            "Expected an object at $.aws_cloud_logic_custom[0], found a number (test.json).",
            "The REST API at $.aws_cloud_logic_custom[1].name has no name; amplify-js calls it by name, and the name is also its HttpClient's name. Add \"name\".",
            "REST API at $.aws_cloud_logic_custom[2] is signed for the service 'lambda'; AmplifyAuthHandlers signs API Gateway requests (execute-api) only. Remove 'service' or set it to execute-api.",
        }));
        Assert.That(result.Options.Endpoints.Keys, Is.EqualTo(new[] { "c" }));
    }

    [Test]
    public void ReadJson_JavaScriptFlavouredEndpoint_RecordsItsPathsAndHasNoApiKey()
    {
        var result = ReadResult("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": [ { "name": "a", "endpoint": "https://a.example.com/", "region": "us-east-1", "apiKey": "not-read" } ] }""");

        var endpoint = result.Options.Endpoints["a"];
        Assert.Multiple(() =>
        {
            Assert.That(endpoint.ApiKey, Is.Null);
            Assert.That(endpoint.PathOf("a", "Endpoint"), Is.EqualTo("$.aws_cloud_logic_custom[0].endpoint"));
            Assert.That(endpoint.PathOf("a", "Region"), Is.EqualTo("$.aws_cloud_logic_custom[0].region"));
            Assert.That(endpoint.PathOf("a", "AuthorizationType"), Is.EqualTo("$.aws_cloud_logic_custom[0]"));
            Assert.That(endpoint.PathOf("a", "ApiKey"), Is.EqualTo("Endpoints[\"a\"].ApiKey"));
        });
    }

    [Test]
    public void ReadJson_JavaScriptFlavouredCloudLogicNotAnArray_IsTheExactMessage() =>
        Assert.That(
            Read("""{ "aws_project_region": "us-east-1", "aws_cloud_logic_custom": "x" }""").LoadProblems,
            Is.EqualTo(new[] { "Expected an array at $.aws_cloud_logic_custom, found a string (test.json)." }));

    [TestCase("/* generated */ { }")]
    [TestCase("var awsmobile = {};")]
    [TestCase("let awsmobile = {};")]
    [TestCase("module.exports = {};")]
    [TestCase(" \r\n\texport default {};")]
    public void ReadJson_OtherJavaScriptForms_SayToUseTheJsonForm(string javaScript) =>
        Assert.That(
            Read(javaScript).LoadProblems,
            Is.EqualTo(new[] { "Amplify configuration test.json is JavaScript (aws-exports.js), not JSON. AmplifyAuthHandlers reads the same settings as JSON: pass the amplifyconfiguration.json the Amplify CLI writes beside it, or copy the object literal (keys quoted, no comments or trailing commas) into a .json file." }));

    [Test]
    public void ReadJson_JsonWithAByteOrderMark_IsRead()
    {
        var options = Read("\uFEFF{ \"awsAPIPlugin\": { \"a\": { \"endpoint\": \"https://a.example.com/\", \"authorizationType\": \"NONE\" } } }");

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Endpoints.Keys, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void ReadJson_InvalidJsonAfterAByteOrderMark_CountsPositionsAfterIt() =>
        Assert.That(
            Read("\uFEFF{ x }").LoadProblems,
            Is.EqualTo(new[] { "Amplify configuration test.json is not valid JSON: line 1, position 3: 'x' is an invalid start of a property name. Expected a '\"'." }));

    [Test]
    public void ReadJson_InvalidJson_NamesLineAndPositionWithoutTheParsersPath()
    {
        var problems = Read("{\n  \"a\": x\n}").LoadProblems;

        Assert.That(problems, Is.EqualTo(new[] { "Amplify configuration test.json is not valid JSON: line 2, position 8: 'x' is an invalid start of a value." }));
    }

    [TestCase("   ")]
    [TestCase("\r\n\t")]
    [TestCase("")]
    public void ReadJson_EmptyOrWhitespace_IsTheExactMessage(string json) =>
        Assert.That(Read(json).LoadProblems, Is.EqualTo(new[] { "Amplify configuration test.json is empty; expected a JSON object." }));

    [Test]
    public void ReadJson_RootNotAnObject_IsTheExactMessage() =>
        Assert.That(Read("[1]").LoadProblems, Is.EqualTo(new[] { "Amplify configuration test.json: expected a JSON object at $, found an array." }));

    [Test]
    public void ReadJson_NothingKnown_IsTheExactMessage() =>
        Assert.That(
            Read("""{ "UserAgent": "aws-amplify-cli/2.0", "Version": "1.0" }""").LoadProblems,
            Is.EqualTo(new[] { "Amplify configuration test.json has no REST endpoints or auth settings: expected $.api.plugins.awsAPIPlugin (Gen1), $.awsAPIPlugin (fragment), $.rest_api / $.custom.API (Gen2 amplify_outputs.json) or $.aws_cloud_logic_custom / $.aws_user_pools_id (aws-exports, amplifyconfiguration.json for web apps)." }));

    [Test]
    public void ReadJson_IdentityPoolOnly_IsEnough() =>
        Assert.That(Read("""{ "awsCognitoAuthPlugin": { "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "us-east-1:0000" } } } } }""").LoadProblems, Is.Empty);

    [TestCase(System.Text.Json.JsonValueKind.Object, "an object")]
    [TestCase(System.Text.Json.JsonValueKind.Array, "an array")]
    [TestCase(System.Text.Json.JsonValueKind.String, "a string")]
    [TestCase(System.Text.Json.JsonValueKind.Number, "a number")]
    [TestCase(System.Text.Json.JsonValueKind.True, "a boolean")]
    [TestCase(System.Text.Json.JsonValueKind.False, "a boolean")]
    [TestCase(System.Text.Json.JsonValueKind.Null, "null")]
    [TestCase(System.Text.Json.JsonValueKind.Undefined, "nothing")]
    public void Describe_EachKind_ReadsAsEnglish(System.Text.Json.JsonValueKind kind, string expected) =>
        Assert.That(AmplifyJsonConfigurationReader.Describe(kind), Is.EqualTo(expected));

    [Test]
    public void ReadFile_Missing_NamesTheFullPathAndTheCurrentDirectory()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".json");

        var problems = AmplifyJsonConfigurationReader.ReadFile(missing).Options.LoadProblems;

        Assert.That(problems, Is.EqualTo(new[] { $"Amplify configuration file not found: '{missing}'. Pass the path of amplifyconfiguration.json or amplify_outputs.json (relative paths are resolved against '{Directory.GetCurrentDirectory()}')." }));
    }

    [Test]
    public void ReadFile_InvalidPath_IsAProblemNotAnException() =>
        Assert.That(AmplifyJsonConfigurationReader.ReadFile("a\0b.json").Options.LoadProblems, Has.One.StartsWith("Amplify configuration file path 'a\0b.json' is not a valid path: "));

    [Test]
    public void ReadFile_OverTheLimit_NamesTheSizeAndTheLimit()
    {
        using var file = new TempFile("big.json", null);
        using (var stream = File.Create(file.Path))
        {
            stream.SetLength(AmplifyJsonConfigurationReader.MaxFileBytes + 1);
        }

        Assert.That(
            AmplifyJsonConfigurationReader.ReadFile(file.Path).Options.LoadProblems,
            Is.EqualTo(new[] { $"Amplify configuration file '{file.Path}' is 4194305 bytes; the limit is 4194304 bytes. Check that the path names the Amplify configuration." }));
    }

    [Test]
    public void ReadFile_AtTheLimit_IsRead()
    {
        var json = """{ "awsAPIPlugin": { "a": { "endpoint": "https://a.example.com/", "authorizationType": "NONE" } } }""";
        using var file = new TempFile("big.json", json + new string(' ', (int)AmplifyJsonConfigurationReader.MaxFileBytes - json.Length));

        var options = AmplifyJsonConfigurationReader.ReadFile(file.Path).Options;

        Assert.That(options.LoadProblems, Is.Empty);
        Assert.That(options.Endpoints.Keys, Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public void ReadFile_ADirectory_IsNotFound()
    {
        using var file = new TempFile("dir.json", null);
        Directory.CreateDirectory(file.Path);

        Assert.That(AmplifyJsonConfigurationReader.ReadFile(file.Path).Options.LoadProblems, Has.One.StartsWith($"Amplify configuration file not found: '{file.Path}'."));
    }

    [Test]
    public void ReadFile_NamesTheFileInProblems()
    {
        using var file = new TempFile("amplifyconfiguration.json", "{}");

        Assert.That(AmplifyJsonConfigurationReader.ReadFile(file.Path).Options.LoadProblems, Has.One.StartsWith($"Amplify configuration '{file.Path}' has no REST endpoints"));
    }
}
