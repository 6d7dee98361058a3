namespace AmplifyAuthHandlers;

/// <summary>Keys of <c>AuthParameters</c>, <c>ChallengeParameters</c> and <c>ChallengeResponses</c>.</summary>
internal static class CognitoAuthParameters
{
    /// <summary>The user name.</summary>
    public const string Username = "USERNAME";

    /// <summary>The password (USER_PASSWORD_AUTH).</summary>
    public const string Password = "PASSWORD";

    /// <summary>The client's SRP public value A, hexadecimal (USER_SRP_AUTH).</summary>
    public const string SrpA = "SRP_A";

    /// <summary>The refresh token (REFRESH_TOKEN_AUTH).</summary>
    public const string RefreshToken = "REFRESH_TOKEN";

    /// <summary>The secret hash, required when the app client has a secret.</summary>
    public const string SecretHash = "SECRET_HASH";

    /// <summary>The device key, when the device is remembered.</summary>
    public const string DeviceKey = "DEVICE_KEY";

    /// <summary>The server's SRP public value B, hexadecimal (PASSWORD_VERIFIER parameter).</summary>
    public const string SrpB = "SRP_B";

    /// <summary>The user's SRP salt, hexadecimal (PASSWORD_VERIFIER parameter).</summary>
    public const string Salt = "SALT";

    /// <summary>The server's secret block, base64 (PASSWORD_VERIFIER parameter).</summary>
    public const string SecretBlock = "SECRET_BLOCK";

    /// <summary>The user ID the SRP verifier was computed for (PASSWORD_VERIFIER parameter).</summary>
    public const string UserIdForSrp = "USER_ID_FOR_SRP";

    /// <summary>The secret block echoed back (PASSWORD_VERIFIER response).</summary>
    public const string PasswordClaimSecretBlock = "PASSWORD_CLAIM_SECRET_BLOCK";

    /// <summary>The HMAC proof of the password (PASSWORD_VERIFIER response).</summary>
    public const string PasswordClaimSignature = "PASSWORD_CLAIM_SIGNATURE";

    /// <summary>The timestamp the signature covers (PASSWORD_VERIFIER response).</summary>
    public const string Timestamp = "TIMESTAMP";
}
