using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>The enhanced (simplified) flow: <c>GetCredentialsForIdentity</c>; the identity pool picks the role.</summary>
internal sealed class EnhancedIdentityPoolFlow : IIdentityPoolCredentialsFlow
{
    /// <summary>The flow; it has no state.</summary>
    public static readonly EnhancedIdentityPoolFlow Instance = new();

    private EnhancedIdentityPoolFlow()
    {
    }

    public async Task<AwsCredentials> GetCredentialsAsync(
        CognitoIdentityClient client,
        string identityId,
        IReadOnlyDictionary<string, string>? logins,
        bool isAuthenticated,
        CancellationToken cancellationToken) =>
        (await client.GetCredentialsForIdentityAsync(identityId, logins, cancellationToken).ConfigureAwait(false)).Credentials;
}
