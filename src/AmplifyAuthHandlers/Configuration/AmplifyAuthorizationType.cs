namespace AmplifyAuthHandlers;

/// <summary>How requests to one REST endpoint are authorized: the <c>authorizationType</c> of Amplify's configuration.</summary>
public enum AmplifyAuthorizationType
{
    /// <summary><c>AWS_IAM</c>: SigV4 with AWS credentials (Amplify's default for REST endpoints).</summary>
    AwsIam = 0,

    /// <summary><c>NONE</c>: nothing is added.</summary>
    None,

    /// <summary><c>API_KEY</c>: the endpoint's key in <c>x-api-key</c>.</summary>
    ApiKey,

    /// <summary><c>AMAZON_COGNITO_USER_POOLS</c>: the signed-in user's user-pool token in <c>Authorization</c>.</summary>
    AmazonCognitoUserPools,

    /// <summary><c>OPENID_CONNECT</c>: a token from an OIDC token provider in <c>Authorization</c>.</summary>
    OpenIdConnect,

    /// <summary><c>AWS_LAMBDA</c>: a token from a function token provider in <c>Authorization</c>.</summary>
    AwsLambda,
}
