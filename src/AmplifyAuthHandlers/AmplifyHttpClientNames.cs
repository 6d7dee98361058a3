namespace AmplifyAuthHandlers;

/// <summary>
/// Names of the <see cref="HttpClient"/>s the library uses for Cognito and STS, so applications can configure them
/// (proxy, resilience, a primary handler in tests) with <c>services.AddHttpClient(name)</c>.
/// </summary>
public static class AmplifyHttpClientNames
{
    /// <summary>The client for Cognito Identity (identity pools: <c>GetId</c>, <c>GetCredentialsForIdentity</c>).</summary>
    public const string CognitoIdentity = "AmplifyAuthHandlers.CognitoIdentity";

    /// <summary>The client for Cognito Identity Provider (user pools: <c>InitiateAuth</c>, <c>RespondToAuthChallenge</c>, …).</summary>
    public const string CognitoIdentityProvider = "AmplifyAuthHandlers.CognitoIdentityProvider";

    /// <summary>The client for AWS STS (<c>AssumeRoleWithWebIdentity</c>, the identity pool's basic flow).</summary>
    public const string SecurityTokenService = "AmplifyAuthHandlers.SecurityTokenService";
}
