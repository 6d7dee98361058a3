using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>The user pool settings sign-in needs, checked, with the helpers every Cognito call shares.</summary>
internal sealed class UserPoolConfiguration
{
    private UserPoolConfiguration(string poolId, string clientId, string? clientSecret, string region, Uri serviceUri, string flow, TimeSpan refreshWindow, string loginsProviderName)
    {
        LoginsProviderName = loginsProviderName;
        PoolId = poolId;
        ClientId = clientId;
        ClientSecret = clientSecret;
        Region = region;
        ServiceUri = serviceUri;
        Flow = flow;
        RefreshWindow = refreshWindow;
    }

    public string PoolId { get; }

    public string ClientId { get; }

    public string? ClientSecret { get; }

    public string Region { get; }

    public Uri ServiceUri { get; }

    public string Flow { get; }

    public TimeSpan RefreshWindow { get; }

    /// <summary>The identity pool's Logins key for this user pool.</summary>
    public string LoginsProviderName { get; }

    public static UserPoolConfiguration From(AmplifyAuthOptions auth)
    {
        var pool = auth.UserPool;
        if (pool is not { PoolId: { Length: > 0 } poolId, AppClientId: { Length: > 0 } clientId })
        {
            throw new AmplifyAuthException("No Cognito user pool is configured: set CognitoUserPool.Default (PoolId, AppClientId) in amplifyconfiguration.json, auth.user_pool_id and auth.user_pool_client_id in amplify_outputs.json, or Auth:UserPool in appsettings.");
        }

        var underscore = poolId.IndexOf('_', StringComparison.Ordinal);
        var region = pool.Region ?? (underscore > 0 ? poolId[..underscore] : null);
        if (!AwsRegion.IsValid(region))
        {
            throw new AmplifyAuthException($"The region of user pool '{poolId}' is unknown: set CognitoUserPool.Default.Region (or use a pool ID of the form <region>_<id>).");
        }

        var flow = pool.AuthenticationFlowType switch
        {
            CognitoAuthFlow.UserPasswordAuth => CognitoAuthFlow.UserPasswordAuth,
            CognitoAuthFlow.UserSrpAuth or null or "" => CognitoAuthFlow.UserSrpAuth,
            var other => throw new AmplifyAuthException($"authenticationFlowType '{other}' is not supported; use USER_SRP_AUTH or USER_PASSWORD_AUTH."),
        };
        return new UserPoolConfiguration(poolId, clientId, string.IsNullOrEmpty(pool.AppClientSecret) ? null : pool.AppClientSecret, region!,
            pool.Endpoint ?? CognitoEndpoints.ForIdentityProvider(region!), flow, auth.TokenRefreshWindow, CognitoEndpoints.LoginsProviderName(pool)!);
    }

    public CognitoIdentityProviderClient Client(IHttpClientFactory factory, ILogger logger, TimeProvider timeProvider) =>
        new(factory.CreateClient(AmplifyHttpClientNames.CognitoIdentityProvider), ServiceUri, logger, timeProvider);

    /// <summary>Adds SECRET_HASH when the app client has a secret: every call of such a client must carry it.</summary>
    public Dictionary<string, string> WithSecretHash(string username, Dictionary<string, string> parameters)
    {
        if (ClientSecret is not null)
        {
            parameters[CognitoAuthParameters.SecretHash] = CognitoSecretHash.Compute(username, ClientId, ClientSecret);
        }

        return parameters;
    }

    public override string ToString() => $"UserPoolConfiguration {{ PoolId = {PoolId}, ClientId = {ClientId}, Flow = {Flow} }}";
}
