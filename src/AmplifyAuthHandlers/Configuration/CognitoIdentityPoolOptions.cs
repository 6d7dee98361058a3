namespace AmplifyAuthHandlers;

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

    /// <summary>
    /// Gets or sets the IAM role a guest assumes by the basic (classic) flow: <c>GetId</c>, <c>GetOpenIdToken</c>, then
    /// STS <c>AssumeRoleWithWebIdentity</c> with this role, e.g. <c>arn:aws:iam::123456789012:role/MyPool_Unauth_Role</c>.
    /// The role's trust policy must allow <c>cognito-identity.amazonaws.com</c> and the pool must allow the basic flow.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: guests get credentials by the enhanced flow (<c>GetCredentialsForIdentity</c>).</value>
    public string? UnauthenticatedRoleArn { get; set; }

    /// <summary>
    /// Gets or sets the IAM role a signed-in user assumes by the basic (classic) flow: <c>GetId</c>, <c>GetOpenIdToken</c>
    /// with the user's logins, then STS <c>AssumeRoleWithWebIdentity</c> with this role.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: signed-in users get credentials by the enhanced flow (<c>GetCredentialsForIdentity</c>).</value>
    public string? AuthenticatedRoleArn { get; set; }

    /// <summary>Gets or sets an endpoint that replaces <c>https://sts.&lt;region&gt;.amazonaws.com/</c> for the basic flow (a proxy, or a stand-in in tests).</summary>
    /// <value>The default value is <see langword="null"/>: the regional STS endpoint of the identity pool's region.</value>
    public Uri? StsEndpoint { get; set; }
}
