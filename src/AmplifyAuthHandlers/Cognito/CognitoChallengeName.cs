namespace AmplifyAuthHandlers;

/// <summary>The <c>ChallengeName</c> values this library handles or reports.</summary>
internal static class CognitoChallengeName
{
    /// <summary>The second step of USER_SRP_AUTH.</summary>
    public const string PasswordVerifier = "PASSWORD_VERIFIER";

    /// <summary>The user must set a new password (for example after AdminCreateUser).</summary>
    public const string NewPasswordRequired = "NEW_PASSWORD_REQUIRED";

    /// <summary>An SMS code is required.</summary>
    public const string SmsMfa = "SMS_MFA";

    /// <summary>A TOTP code is required.</summary>
    public const string SoftwareTokenMfa = "SOFTWARE_TOKEN_MFA";
}
