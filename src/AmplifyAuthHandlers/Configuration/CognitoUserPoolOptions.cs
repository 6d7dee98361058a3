namespace AmplifyAuthHandlers;

/// <summary>The Cognito user pool users sign in to (<c>CognitoUserPool.Default</c> in Amplify's configuration).</summary>
public sealed class CognitoUserPoolOptions
{
    /// <summary>Gets or sets the user pool ID, e.g. <c>us-east-1_AbCdEf123</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? PoolId { get; set; }

    /// <summary>Gets or sets the app client ID.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AppClientId { get; set; }

    /// <summary>Gets or sets the app client secret; when set, every call carries a <c>SECRET_HASH</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AppClientSecret { get; set; }

    /// <summary>Gets or sets the user pool's region.</summary>
    /// <value>The default value is <see langword="null"/>: the region prefix of <see cref="PoolId"/> is used.</value>
    public string? Region { get; set; }

    /// <summary>Gets or sets an endpoint that replaces <c>https://cognito-idp.&lt;region&gt;.amazonaws.com/</c> (tests, proxies, FIPS).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the sign-in flow: <c>USER_SRP_AUTH</c> or <c>USER_PASSWORD_AUTH</c>.</summary>
    /// <value>The default value is <c>USER_SRP_AUTH</c>, Amplify's default.</value>
    public string AuthenticationFlowType { get; set; } = "USER_SRP_AUTH";
}
