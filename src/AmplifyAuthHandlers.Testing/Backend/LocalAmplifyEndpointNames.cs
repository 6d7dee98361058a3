namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// The endpoint names (and so the <c>HttpClient</c> names) in the files a <see cref="LocalAmplifyBackend"/> writes:
/// one endpoint per <c>authorizationType</c>.
/// </summary>
public static class LocalAmplifyEndpointNames
{
    /// <summary>The <c>NONE</c> API.</summary>
    public const string None = "none";

    /// <summary>The <c>API_KEY</c> API.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The <c>AWS_IAM</c> API (identity-pool credentials, SigV4).</summary>
    public const string Iam = "iam";

    /// <summary>The <c>AMAZON_COGNITO_USER_POOLS</c> API (the user pool's access or ID token).</summary>
    public const string UserPools = "userPools";

    /// <summary>The <c>OPENID_CONNECT</c> API (an ID token of the user pool).</summary>
    public const string Oidc = "oidc";

    /// <summary>The <c>AWS_LAMBDA</c> API (the default authorizer accepts a token of the user pool).</summary>
    public const string Lambda = "lambda";

    /// <summary>Gets each <c>authorizationType</c>, spelled as in Amplify files, with its endpoint name, in a fixed order.</summary>
    /// <value>Six pairs, from <c>NONE</c> to <c>AWS_LAMBDA</c>.</value>
    public static IReadOnlyList<KeyValuePair<string, string>> ByAuthorizationType { get; } =
    [
        new("NONE", None),
        new("API_KEY", ApiKey),
        new("AWS_IAM", Iam),
        new("AMAZON_COGNITO_USER_POOLS", UserPools),
        new("OPENID_CONNECT", Oidc),
        new("AWS_LAMBDA", Lambda),
    ];
}
