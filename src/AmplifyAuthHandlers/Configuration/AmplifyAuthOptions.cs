namespace AmplifyAuthHandlers;

/// <summary>The auth section of Amplify's configuration: the user pool and the identity pool.</summary>
public sealed class AmplifyAuthOptions
{
    /// <summary>Gets or sets the Cognito user pool.</summary>
    /// <value>The default value is <see langword="null"/>: no user-pool sign-in.</value>
    public CognitoUserPoolOptions? UserPool { get; set; }

    /// <summary>Gets or sets the Cognito identity pool.</summary>
    /// <value>The default value is <see langword="null"/>: no identity-pool credentials.</value>
    public CognitoIdentityPoolOptions? IdentityPool { get; set; }

    /// <summary>Gets or sets how long before expiry user-pool tokens are refreshed (configuration key <c>Auth:TokenRefreshWindow</c>, a time span such as <c>00:05:00</c>).</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan TokenRefreshWindow { get; set; } = TimeSpan.FromMinutes(5);
}
