namespace AmplifyAuthHandlers;

/// <summary>The body Cognito Identity's <c>GetCredentialsForIdentity</c> returns.</summary>
internal sealed record GetCredentialsForIdentityResponse
{
    /// <summary>Gets the identity ID the credentials belong to.</summary>
    public string? IdentityId { get; init; }

    /// <summary>Gets the temporary credentials.</summary>
    public CognitoWireCredentials? Credentials { get; init; }
}
