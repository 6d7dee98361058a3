
namespace AmplifyAuthHandlers.Cli;

/// <summary>The configuration's spelling of each mode.</summary>
internal static class AuthModeNames
{
    public static string Of(AmplifyAuthorizationType type) => type switch
    {
        AmplifyAuthorizationType.None => "NONE",
        AmplifyAuthorizationType.ApiKey => "API_KEY",
        AmplifyAuthorizationType.AwsIam => "AWS_IAM",
        AmplifyAuthorizationType.AmazonCognitoUserPools => "AMAZON_COGNITO_USER_POOLS",
        AmplifyAuthorizationType.OpenIdConnect => "OPENID_CONNECT",
        AmplifyAuthorizationType.AwsLambda => "AWS_LAMBDA",
        _ => type.ToString(),
    };
}
