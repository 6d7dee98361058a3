namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>The JSON snippets of the Amplify page "API (REST) · Define authorization rules" (../shared/seed), verbatim.</summary>
internal static class AmplifyPageSnippets
{
    public const string IamEndpoint = """{ "awsAPIPlugin": { "<YOUR-RESTENDPOINT-NAME>": { "endpointType": "REST", "endpoint": "YOUR-REST-ENDPOINT", "region": "us-west-2", "authorizationType": "AWS_IAM" } } }""";

    public const string ApiKeyEndpoint = """{ "awsAPIPlugin": { "<YOUR-RESTENDPOINT-NAME>": { "endpointType": "REST", "endpoint": "YOUR-REST-ENDPOINT", "region": "us-west-2", "authorizationType": "API_KEY", "apiKey": "YOUR_API_KEY" } } }""";

    public const string UserPoolsEndpoint = """{ "awsAPIPlugin": { "<YOUR-RESTENDPOINT-NAME>": { "endpointType": "REST", "endpoint": "YOUR-REST-ENDPOINT", "region": "us-west-2", "authorizationType": "AMAZON_COGNITO_USER_POOLS" } } }""";

    public const string CognitoAuthPlugin = """{ "CognitoUserPool": { "Default": { "PoolId": "YOUR-POOL-ID", "AppClientId": "YOUR-APP-CLIENT-ID", "AppClientSecret": "YOUR-APP-CLIENT-SECRET", "Region": "us-east-1" } }, "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "YOUR-COGNITO-IDENTITY-POOLID", "Region": "us-east-1" } } } }""";

    public const string EndpointName = "<YOUR-RESTENDPOINT-NAME>";

    public const string Placeholder = "YOUR-REST-ENDPOINT";

    /// <summary>The full-file form: the page's fragments placed where amplifyconfiguration.json has them.</summary>
    public static string FullFile(string apiPluginFragment, string authPluginBody) =>
        $$"""{ "UserAgent": "aws-amplify-cli/2.0", "Version": "1.0", "api": { "plugins": {{apiPluginFragment}} }, "auth": { "plugins": { "awsCognitoAuthPlugin": {{authPluginBody}} } } }""";
}
