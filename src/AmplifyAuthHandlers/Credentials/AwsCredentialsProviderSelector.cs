using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Picks each <c>AWS_IAM</c> endpoint's credential source, first match wins: a provider registered for that
/// endpoint (keyed by its name), a provider registered for all, static keys from options, the Cognito
/// identity pool (basic flow when its role ARNs are set, enhanced otherwise), the registered credential chain (the AWS SDK's) when enabled. Sources built here are shared by every endpoint, so one
/// identity and one credential cache serve them all.
/// </summary>
internal sealed class AwsCredentialsProviderSelector(
    IServiceProvider services,
    AmplifyEndpointCatalog catalog,
    AwsClockSkew clock,
    ILoggerFactory loggerFactory)
{
    private readonly Lazy<CachedAwsCredentialsProvider?> _chain = new(() => CreateChainProvider(services, clock, loggerFactory));
    private readonly object _sharedLock = new();
    private (AmplifyRestApiOptions Options, IAwsCredentialsProvider Provider)? _shared;
    private (AmplifyRestApiOptions Options, CognitoIdentityCredentialsProvider Provider)? _identityPool;

    /// <summary>Called when an endpoint's handlers are built (not per request), so options reloads are picked up.</summary>
    public IAwsCredentialsProvider For(string endpointName) =>
        services.GetKeyedService<IAwsCredentialsProvider>(endpointName)
            ?? services.GetService<IAwsCredentialsProvider>()
            ?? Shared(endpointName);

    /// <summary>The shared identity-pool provider, or <see langword="null"/> when no identity pool is configured.</summary>
    public IAwsCredentialsProvider? IdentityPoolProvider()
    {
        var options = catalog.Options;
        if (options.Auth.IdentityPool is not { PoolId: not null } pool || IdentityPoolRegion(pool) is null)
        {
            return null;
        }

        lock (_sharedLock)
        {
            if (_identityPool is { } cached && ReferenceEquals(cached.Options, options))
            {
                return cached.Provider;
            }

            var created = CreateIdentityPoolProvider(pool, options);
            _identityPool = (options, created);
            return created;
        }
    }

    /// <summary>Why <paramref name="endpointName"/> would have no source, or <see langword="null"/> when it has one.</summary>
    public static string? MissingSourceProblem(string endpointName, AmplifyRestApiOptions options, IServiceProvider services)
    {
        var registered = services.GetService<IServiceProviderIsKeyedService>();
        if (registered is not null && (registered.IsKeyedService(typeof(IAwsCredentialsProvider), endpointName) || registered.IsService(typeof(IAwsCredentialsProvider))))
        {
            return null;
        }

        var credentials = options.Credentials;
        if (credentials.HasStaticKeys)
        {
            return string.IsNullOrWhiteSpace(credentials.AccessKeyId) || string.IsNullOrWhiteSpace(credentials.SecretAccessKey)
                ? $"Endpoint '{endpointName}': static AWS credentials need both AccessKeyId and SecretAccessKey (Credentials section)."
                : null;
        }

        if (options.Auth.IdentityPool is { } pool)
        {
            return IdentityPoolRegion(pool) is null
                ? $"Endpoint '{endpointName}': the identity pool ID '{pool.PoolId}' (CredentialsProvider.CognitoIdentity.Default.PoolId) is not '<region>:<id>' and no Region is set."
                : null;
        }

        if (!credentials.UseAwsSdkCredentialChain)
        {
            return $"Endpoint '{endpointName}': authorizationType AWS_IAM has no AWS credentials source. Configure an identity pool (CredentialsProvider.CognitoIdentity.Default or Auth:IdentityPool), static keys (Credentials:AccessKeyId and SecretAccessKey), the AWS SDK chain (UseAwsSdkCredentials() from the AmplifyAuthHandlers.AwsSdk package), or register an IAwsCredentialsProvider.";
        }

        return registered is null || registered.IsService(typeof(AwsCredentialChainRegistration))
            ? null
            : $"Endpoint '{endpointName}': Credentials:UseAwsSdkCredentialChain is true, but no credential chain is registered. Add the AmplifyAuthHandlers.AwsSdk package and call UseAwsSdkCredentials() on the builder AddAmplifyRestApi returns.";
    }

    internal static string? IdentityPoolRegion(CognitoIdentityPoolOptions pool)
    {
        if (pool.Region is { } region)
        {
            return AwsRegion.IsValid(region) ? region : null;
        }

        var colon = pool.PoolId?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        var prefix = colon > 0 ? pool.PoolId![..colon] : null;
        return AwsRegion.IsValid(prefix) ? prefix : null;
    }

    private IAwsCredentialsProvider Shared(string endpointName)
    {
        var options = catalog.Options;
        lock (_sharedLock)
        {
            if (_shared is { } shared && ReferenceEquals(shared.Options, options))
            {
                return shared.Provider;
            }

            var provider = CreateShared(endpointName, options);
            _shared = (options, provider);
            return provider;
        }
    }

    private IAwsCredentialsProvider CreateShared(string endpointName, AmplifyRestApiOptions options)
    {
        var credentials = options.Credentials;
        if (credentials.HasStaticKeys)
        {
            return new StaticAwsCredentialsProvider(new Signing.AwsCredentials(credentials.AccessKeyId!, credentials.SecretAccessKey!, credentials.SessionToken));
        }

        if (IdentityPoolProvider() is { } identityPool)
        {
            return identityPool;
        }

        if (credentials.UseAwsSdkCredentialChain && _chain.Value is { } chain)
        {
            return chain;
        }

        throw new AmplifyConfigurationException([MissingSourceProblem(endpointName, options, services) ?? $"Endpoint '{endpointName}' has no AWS credentials source."]);
    }

    private CognitoIdentityCredentialsProvider CreateIdentityPoolProvider(CognitoIdentityPoolOptions pool, AmplifyRestApiOptions options)
    {
        var serviceUri = pool.Endpoint ?? CognitoEndpoints.ForIdentity(IdentityPoolRegion(pool)!);
        var clientFactory = services.GetRequiredService<IHttpClientFactory>();
        var cognitoLogger = loggerFactory.CreateLogger<CognitoIdentityClient>();
        return new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(clientFactory.CreateClient(AmplifyHttpClientNames.CognitoIdentity), serviceUri, cognitoLogger, clock.TimeProvider),
            pool.PoolId!,
            services.GetService<ICognitoLoginsProvider>() ?? new UnauthenticatedLoginsProvider(),
            services.GetRequiredService<IAmplifyIdentityIdStore>(),
            clock,
            options.Credentials.RefreshWindow,
            loggerFactory.CreateLogger<CognitoIdentityCredentialsProvider>(),
            IdentityPoolCredentialsFlows.Create(pool, clientFactory, loggerFactory, clock.TimeProvider));
    }

    private static CachedAwsCredentialsProvider? CreateChainProvider(IServiceProvider services, AwsClockSkew clock, ILoggerFactory loggerFactory)
    {
        if (services.GetService<AwsCredentialChainRegistration>() is not { } registration)
        {
            return null;
        }

        var chain = registration.Create(services);
        // The name goes into log lines, metric tags and exception messages: a user's type is named by its type, since its
        // ToString (a record's, say) may print the keys it holds; the library's own providers describe themselves.
        var type = chain.GetType();
        var ours = type.Assembly == typeof(AwsCredentialsProviderSelector).Assembly || type.Assembly.GetName().Name == "AmplifyAuthHandlers.AwsSdk";
        var name = ours ? chain.ToString() ?? type.Name : type.FullName ?? type.Name;
        // Expiry is judged on the local clock: an API host's learned skew never decides when these expire.
        var cache = new AwsCredentialsCache(ct => chain.GetCredentialsAsync(ct).AsTask(), () => clock.TimeProvider.GetUtcNow(), TimeSpan.FromMinutes(5), name, loggerFactory.CreateLogger(chain.GetType()));
        return new CachedAwsCredentialsProvider(cache, name);
    }
}
