using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>Picks an identity pool's credentials flow from its options: basic when a role ARN is configured, else enhanced.</summary>
internal static class IdentityPoolCredentialsFlows
{
    /// <summary>The flow for <paramref name="pool"/>, whose region must be known (see <see cref="AwsCredentialsProviderSelector.IdentityPoolRegion"/>).</summary>
    public static IIdentityPoolCredentialsFlow Create(CognitoIdentityPoolOptions pool, IHttpClientFactory clientFactory, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        if (pool.UnauthenticatedRoleArn is null && pool.AuthenticatedRoleArn is null)
        {
            return EnhancedIdentityPoolFlow.Instance;
        }

        var stsUri = pool.StsEndpoint ?? SecurityTokenServiceClient.GetDefaultServiceUri(AwsCredentialsProviderSelector.IdentityPoolRegion(pool)!);
        var stsLogger = loggerFactory.CreateLogger<SecurityTokenServiceClient>();
        return new BasicIdentityPoolFlow(
            () => new SecurityTokenServiceClient(clientFactory.CreateClient(AmplifyHttpClientNames.SecurityTokenService), stsUri, stsLogger, timeProvider),
            pool.UnauthenticatedRoleArn,
            pool.AuthenticatedRoleArn,
            EnhancedIdentityPoolFlow.Instance);
    }
}
