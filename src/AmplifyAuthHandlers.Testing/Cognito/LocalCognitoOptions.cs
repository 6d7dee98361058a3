namespace AmplifyAuthHandlers.Testing;

/// <summary>How a <see cref="LocalCognito"/> is set up: its region, pool IDs, lifetimes and clock.</summary>
public sealed class LocalCognitoOptions
{
    /// <summary>Gets or sets the AWS region in the pool IDs, issuer and <c>Logins</c> key.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Gets or sets the user pool ID (<c>&lt;region&gt;_&lt;9 letters or digits&gt;</c>).</summary>
    /// <value>The default value is <see langword="null"/>: a random, real-looking ID.</value>
    public string? UserPoolId { get; set; }

    /// <summary>Gets or sets the identity pool ID (<c>&lt;region&gt;:&lt;guid&gt;</c>).</summary>
    /// <value>The default value is <see langword="null"/>: a random, real-looking ID.</value>
    public string? IdentityPoolId { get; set; }

    /// <summary>Gets or sets whether the identity pool gives guests (no <c>Logins</c>) an identity and credentials.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AllowUnauthenticatedIdentities { get; set; } = true;

    /// <summary>Gets or sets the <see cref="LocalAwsCredentials.Role"/> of guests' credentials.</summary>
    /// <value>The default value is <c>unauthenticated</c>.</value>
    public string UnauthenticatedRole { get; set; } = "unauthenticated";

    /// <summary>Gets or sets the <see cref="LocalAwsCredentials.Role"/> of signed-in users' credentials.</summary>
    /// <value>The default value is <c>authenticated</c>.</value>
    public string AuthenticatedRole { get; set; } = "authenticated";

    /// <summary>Gets or sets how long identity-pool credentials last.</summary>
    /// <value>The default value is one hour, as Cognito's.</value>
    public TimeSpan CredentialsLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long access tokens last (<c>ExpiresIn</c>).</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long ID tokens last.</summary>
    /// <value>The default value is one hour.</value>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long refresh tokens last.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets whether an unknown user gets <c>NotAuthorizedException</c> (as Cognito's default for new app
    /// clients, <c>PreventUserExistenceErrors = ENABLED</c>) rather than <c>UserNotFoundException</c>.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PreventUserExistenceErrors { get; set; } = true;

    /// <summary>Gets or sets a TOTP code that is always accepted, besides the RFC 6238 code of the user's secret.</summary>
    /// <value>The default value is <see langword="null"/>: only real codes.</value>
    public string? FixedTotpCode { get; set; }

    /// <summary>Gets or sets the clock of every token, credential, expiry and injected delay.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Copies the options, so that changes after start-up do not reach a running server.</summary>
    internal LocalCognitoOptions Clone() => (LocalCognitoOptions)MemberwiseClone();
}
