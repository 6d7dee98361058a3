using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The identity pool's guest (unauthenticated-role) credentials, for callers without an ID token when the caller context
/// opts in (<see cref="IAmplifyCallerContext.AllowsGuestCredentials"/>). One guest identity serves every such caller:
/// the guest role carries no caller's identity. Created on first use, from the options of that moment.
/// </summary>
internal sealed class CallerCredentialsGuestProvider(
    AmplifyEndpointCatalog catalog, IHttpClientFactory clientFactory, AwsClockSkew clock, ILoggerFactory loggerFactory, string registeredBy) : IAwsCredentialsProvider
{
    private readonly Lazy<CognitoIdentityCredentialsProvider> _provider = new(() => Create(catalog, clientFactory, clock, loggerFactory, registeredBy));

    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
        _provider.Value.GetCredentialsAsync(cancellationToken);

    private static CognitoIdentityCredentialsProvider Create(
        AmplifyEndpointCatalog catalog, IHttpClientFactory clientFactory, AwsClockSkew clock, ILoggerFactory loggerFactory, string registeredBy)
    {
        var options = catalog.Options;
        if (CognitoCallerCredentialsExchange.Problem(options, registeredBy) is { } problem)
        {
            throw new AwsCredentialsUnavailableException(problem);
        }

        var pool = options.Auth.IdentityPool!;
        var serviceUri = pool.Endpoint ?? CognitoEndpoints.ForIdentity(AwsCredentialsProviderSelector.IdentityPoolRegion(pool)!);
        var cognitoLogger = loggerFactory.CreateLogger<CognitoIdentityClient>();
        return new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(clientFactory.CreateClient(AmplifyHttpClientNames.CognitoIdentity), serviceUri, cognitoLogger, clock.TimeProvider),
            pool.PoolId!,
            new UnauthenticatedLoginsProvider(),
            new InMemoryIdentityIdStore(),
            clock,
            options.Credentials.RefreshWindow,
            loggerFactory.CreateLogger<CognitoIdentityCredentialsProvider>(),
            IdentityPoolCredentialsFlows.Create(pool, clientFactory, loggerFactory, clock.TimeProvider));
    }
}
