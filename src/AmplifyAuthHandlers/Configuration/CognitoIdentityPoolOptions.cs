namespace AmplifyAuthHandlers.Configuration;

/// <summary>The Cognito identity pool that vends AWS credentials (<c>CredentialsProvider.CognitoIdentity.Default</c>).</summary>
public sealed class CognitoIdentityPoolOptions
{
    /// <summary>Gets or sets the identity pool ID, e.g. <c>us-east-1:0000-…</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? PoolId { get; set; }

    /// <summary>Gets or sets the identity pool's region.</summary>
    /// <value>The default value is <see langword="null"/>: the region prefix of <see cref="PoolId"/> is used.</value>
    public string? Region { get; set; }

    /// <summary>Gets or sets an endpoint that replaces <c>https://cognito-identity.&lt;region&gt;.amazonaws.com/</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? Endpoint { get; set; }
}
