namespace AmplifyAuthHandlers;

/// <summary>Which of the signed-in user's user-pool tokens an <c>AMAZON_COGNITO_USER_POOLS</c> endpoint receives in <c>Authorization</c>.</summary>
public enum AmplifyUserPoolTokenType
{
    /// <summary>The access token, as every Amplify library sends it.</summary>
    Access = 0,

    /// <summary>The ID token, which API Gateway Cognito authorizers without OAuth scopes often expect.</summary>
    Id,
}
