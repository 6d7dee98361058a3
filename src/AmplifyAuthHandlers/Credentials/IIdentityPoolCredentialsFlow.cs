using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// How an identity pool turns an identity (from <c>GetId</c>) into AWS credentials: the enhanced flow
/// (<see cref="EnhancedIdentityPoolFlow"/>) or the basic one (<see cref="BasicIdentityPoolFlow"/>). Getting the identity,
/// caching, per-principal sessions and stale-identity recovery stay with the caller.
/// </summary>
internal interface IIdentityPoolCredentialsFlow
{
    /// <summary>Credentials for <paramref name="identityId"/>.</summary>
    /// <param name="client">The Cognito Identity client of this refresh.</param>
    /// <param name="identityId">The identity, from <c>GetId</c> or the identity-ID store.</param>
    /// <param name="logins">The logins of a signed-in principal, or <see langword="null"/> for a guest.</param>
    /// <param name="isAuthenticated">Whether the principal is signed in (picks the role of the basic flow).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials, with their expiration.</returns>
    /// <exception cref="CognitoServiceException">Cognito refused; an <see cref="CognitoServiceException.ErrorCode"/> of <see cref="CognitoErrorCodes.NotAuthorized"/> or
    /// <see cref="CognitoErrorCodes.ResourceNotFound"/> means the identity is stale.</exception>
    /// <exception cref="AwsCredentialsUnavailableException">Another service (STS) refused.</exception>
    Task<AwsCredentials> GetCredentialsAsync(
        CognitoIdentityClient client,
        string identityId,
        IReadOnlyDictionary<string, string>? logins,
        bool isAuthenticated,
        CancellationToken cancellationToken);
}
