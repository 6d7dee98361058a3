using System.Text;

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
}
