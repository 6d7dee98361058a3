namespace AmplifyAuthHandlers;

/// <summary>
/// Where <c>AWS_IAM</c> endpoints get credentials when no <c>IAwsCredentialsProvider</c> is registered:
/// static keys here, else the Cognito identity pool of <see cref="AmplifyAuthOptions.IdentityPool"/>, else —
/// when <see cref="UseAwsSdkCredentialChain"/> is set — the AWS SDK's default chain (package AmplifyAuthHandlers.AwsSdk).
/// </summary>
public sealed class AwsCredentialsOptions
{
    /// <summary>Gets or sets a static access key ID.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? AccessKeyId { get; set; }

    /// <summary>Gets or sets the static secret access key.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SecretAccessKey { get; set; }

    /// <summary>Gets or sets the session token of static temporary credentials.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SessionToken { get; set; }

    /// <summary>
    /// Gets or sets whether to use the AWS SDK's default credential chain (environment, profile, web identity, ECS, EC2).
    /// The chain comes from the AmplifyAuthHandlers.AwsSdk package: call its <c>UseAwsSdkCredentials()</c>, which also
    /// sets this; without it, <see langword="true"/> here is reported as a configuration error at start-up.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool UseAwsSdkCredentialChain { get; set; }

    /// <summary>Gets or sets how long before expiry temporary credentials are refreshed in the background.</summary>
    /// <value>The default value is 5 minutes; values under 1 minute act as 1 minute.</value>
    public TimeSpan RefreshWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether static keys are configured.</summary>
    internal bool HasStaticKeys => !string.IsNullOrWhiteSpace(AccessKeyId) || !string.IsNullOrWhiteSpace(SecretAccessKey);
}
