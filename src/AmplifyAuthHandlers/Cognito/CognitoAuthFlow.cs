namespace AmplifyAuthHandlers;

/// <summary>The <c>AuthFlow</c> values of <c>InitiateAuth</c> this library uses.</summary>
internal static class CognitoAuthFlow
{
    /// <summary>Sends the password itself (over TLS); the app client must allow <c>ALLOW_USER_PASSWORD_AUTH</c>.</summary>
    public const string UserPasswordAuth = "USER_PASSWORD_AUTH";

    /// <summary>Secure Remote Password: the password never leaves the process. Amplify's default.</summary>
    public const string UserSrpAuth = "USER_SRP_AUTH";

    /// <summary>Exchanges a refresh token for new ID and access tokens.</summary>
    public const string RefreshTokenAuth = "REFRESH_TOKEN_AUTH";
}
