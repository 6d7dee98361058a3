
namespace AmplifyAuthHandlers;

/// <summary>Builds the default service URIs of Cognito Identity and Cognito User Pools for a region.</summary>
internal static class CognitoEndpoints
{
    /// <summary>Returns <c>https://cognito-identity.{region}.amazonaws.com/</c> (<c>.amazonaws.com.cn</c> in China regions).</summary>
    /// <param name="region">An AWS region such as <c>us-east-1</c>.</param>
    /// <returns>The Cognito Identity service URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not an AWS region name.</exception>
    public static Uri ForIdentity(string region) => Build("cognito-identity", region);

    /// <summary>Returns <c>https://cognito-idp.{region}.amazonaws.com/</c> (<c>.amazonaws.com.cn</c> in China regions).</summary>
    /// <param name="region">An AWS region such as <c>us-east-1</c>.</param>
    /// <returns>The Cognito User Pools service URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not an AWS region name.</exception>
    public static Uri ForIdentityProvider(string region) => Build("cognito-idp", region);

    /// <summary>
    /// The identity-pool Logins key of a user pool, <c>cognito-idp.&lt;region&gt;.amazonaws.com/&lt;pool ID&gt;</c>, with the
    /// region from the options or the pool ID's prefix; <see langword="null"/> when neither gives a region.
    /// </summary>
    public static string? LoginsProviderName(CognitoUserPoolOptions userPool)
    {
        var poolId = userPool.PoolId;
        if (string.IsNullOrWhiteSpace(poolId))
        {
            return null;
        }

        var underscore = poolId.IndexOf('_', StringComparison.Ordinal);
        var region = userPool.Region ?? (underscore > 0 ? poolId[..underscore] : null);
        return AwsRegion.IsValid(region) ? $"{ForIdentityProvider(region!).Host}/{poolId}" : null;
    }

    private static Uri Build(string service, string region)
    {
        if (!AwsRegion.IsValid(region))
        {
            throw new ArgumentException(
                $"'{region}' is not an AWS region name. Use a region such as 'us-east-1' (the part of a user pool or identity pool ID before the '_' or ':').",
                nameof(region));
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service}.{region}.{domain}/", UriKind.Absolute);
    }
}
