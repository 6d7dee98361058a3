using System.Security.Cryptography;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// The basic (classic) flow: <c>GetOpenIdToken</c> for the identity, then STS <c>AssumeRoleWithWebIdentity</c> with the
/// configured role of the principal (unauthenticated for a guest, authenticated once signed in). A principal whose
/// role is not configured goes through <c>otherwise</c> (the enhanced flow).
/// </summary>
internal sealed class BasicIdentityPoolFlow(
    Func<SecurityTokenServiceClient> stsClients,
    string? unauthenticatedRoleArn,
    string? authenticatedRoleArn,
    IIdentityPoolCredentialsFlow otherwise,
    TimeSpan? duration = null) : IIdentityPoolCredentialsFlow
{
    /// <summary>The prefix of every role session name; the rest is random, so sessions are told apart in CloudTrail.</summary>
    public const string SessionNamePrefix = "amplify-";

    public async Task<AwsCredentials> GetCredentialsAsync(
        CognitoIdentityClient client,
        string identityId,
        IReadOnlyDictionary<string, string>? logins,
        bool isAuthenticated,
        CancellationToken cancellationToken)
    {
        var roleArn = isAuthenticated ? authenticatedRoleArn : unauthenticatedRoleArn;
        if (roleArn is null)
        {
            return await otherwise.GetCredentialsAsync(client, identityId, logins, isAuthenticated, cancellationToken).ConfigureAwait(false);
        }

        var openIdToken = await client.GetOpenIdTokenAsync(identityId, logins, cancellationToken).ConfigureAwait(false);

        // A client per refresh (once per credential lifetime) keeps HttpClientFactory's handler rotation working.
        return await stsClients().AssumeRoleWithWebIdentityAsync(roleArn, NewSessionName(), openIdToken.Token, duration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>amplify-</c> and 16 random hex digits: within STS's 2–64 characters of <c>[\w+=,.@-]</c>.</summary>
    internal static string NewSessionName() => SessionNamePrefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
