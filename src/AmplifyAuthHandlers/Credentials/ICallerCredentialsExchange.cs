using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Exchanges a caller's Cognito ID token for the identity pool's authenticated-role credentials
/// (<c>GetId</c> then <c>GetCredentialsForIdentity</c> with the user pool's <c>Logins</c> entry).
/// The seam the identity-pool credential provider implements; <see cref="CallerCredentialsSource"/> caches its results per caller.
/// </summary>
internal interface ICallerCredentialsExchange
{
    /// <summary>Credentials for the caller whose ID token this is; they must carry their <see cref="AwsCredentials.Expiration"/> to be cached.</summary>
    ValueTask<AwsCredentials> ExchangeAsync(string idToken, CancellationToken cancellationToken);
}
