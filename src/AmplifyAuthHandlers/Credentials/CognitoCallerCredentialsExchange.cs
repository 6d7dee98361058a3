using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Exchanges a caller's user-pool ID token at the configured identity pool for its authenticated role: <c>GetId</c>,
/// then the pool's flow (enhanced: <c>GetCredentialsForIdentity</c>; basic, when <c>AuthenticatedRoleArn</c> is set:
/// <c>GetOpenIdToken</c> and STS <c>AssumeRoleWithWebIdentity</c>), every Cognito call with
/// <c>Logins = { "cognito-idp.&lt;region&gt;.amazonaws.com/&lt;user pool&gt;": idToken }</c>. Stateless: <see cref="CallerCredentialsCache"/> keeps the results per caller.
/// </summary>
internal sealed class CognitoCallerCredentialsExchange(IHttpClientFactory clientFactory, AmplifyEndpointCatalog catalog, ILoggerFactory loggerFactory, string registeredBy, TimeProvider? timeProvider = null) : ICallerCredentialsExchange
{
    public async ValueTask<AwsCredentials> ExchangeAsync(string idToken, CancellationToken cancellationToken)
    {
        var options = catalog.Options;
        if (Problem(options, registeredBy) is { } problem)
        {
            throw new AwsCredentialsUnavailableException(problem);
        }

        var identityPool = options.Auth.IdentityPool!;
        var identityPoolId = identityPool.PoolId!;
        var serviceUri = identityPool.Endpoint ?? CognitoEndpoints.ForIdentity(AwsCredentialsProviderSelector.IdentityPoolRegion(identityPool)!);
        var logins = new Dictionary<string, string>(StringComparer.Ordinal) { [ProviderName(options.Auth.UserPool!)!] = idToken };

        // A client per exchange (once per caller per credential lifetime) keeps HttpClientFactory's handler rotation working.
        var client = new CognitoIdentityClient(clientFactory.CreateClient(AmplifyHttpClientNames.CognitoIdentity), serviceUri, loggerFactory.CreateLogger<CognitoIdentityClient>(), timeProvider);
        try
        {
            var identityId = await client.GetIdAsync(identityPoolId, logins, cancellationToken).ConfigureAwait(false);
            var flow = IdentityPoolCredentialsFlows.Create(identityPool, clientFactory, loggerFactory, timeProvider ?? TimeProvider.System);
            return await flow.GetCredentialsAsync(client, identityId, logins, isAuthenticated: true, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoServiceException ex) when (ex.ErrorCode == CognitoErrorCodes.NotAuthorized)
        {
            throw new AmplifyNotSignedInException(
                $"Identity pool '{identityPoolId}' refused the caller's ID token ({ex.ErrorCode}): it is expired, revoked or from another user pool; the request was not sent. The caller has to sign in again.",
                ex);
        }
        catch (CognitoServiceException ex)
        {
            throw new AwsCredentialsUnavailableException($"Identity pool '{identityPoolId}' did not issue credentials for the caller ({ex.ErrorCode}: {ex.Message}).", ex.ErrorCode, ex);
        }
    }

    /// <summary>Why the exchange cannot work with <paramref name="options"/>, or <see langword="null"/> when it can.</summary>
    internal static string? Problem(AmplifyRestApiOptions options, string registeredBy)
    {
        if (options.Auth.IdentityPool is not { PoolId: { Length: > 0 } } identityPool || AwsCredentialsProviderSelector.IdentityPoolRegion(identityPool) is null)
        {
            return $"{registeredBy} exchanges the caller's ID token for AWS_IAM endpoints, which needs an identity pool with a region (CredentialsProvider.CognitoIdentity.Default or Auth:IdentityPool: PoolId '<region>:<id>').";
        }

        if (options.Auth.UserPool is not { } userPool || ProviderName(userPool) is null)
        {
            return $"{registeredBy} exchanges the caller's ID token for AWS_IAM endpoints, which needs the user pool that issued it (CognitoUserPool.Default or Auth:UserPool: PoolId '<region>_<id>').";
        }

        return null;
    }

    /// <summary>The identity-pool login provider name of a user pool: <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool ID&gt;</c>.</summary>
    internal static string? ProviderName(CognitoUserPoolOptions userPool) => CognitoEndpoints.LoginsProviderName(userPool);
}
