using System.Diagnostics.CodeAnalysis;
using AmplifyAuthHandlers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Sends the tokens of the caller a server acts for, from a host's <see cref="IAmplifyCallerContext"/>.</summary>
public static class AmplifyCallerContextServiceCollectionExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TContext"/> (a singleton) for the current caller's tokens: <c>AMAZON_COGNITO_USER_POOLS</c>
    /// endpoints, and <c>OPENID_CONNECT</c> endpoints without a token provider of their own, send
    /// <see cref="IAmplifyCallerContext.TryGetToken"/>; <c>AWS_IAM</c> endpoints sign with the identity pool's
    /// authenticated-role credentials for <see cref="IAmplifyCallerContext.TryGetIdToken"/>, cached per caller (keyed by
    /// the token's hash, at most 1024 verified callers, never past the ID token's expiry; a refused token is remembered for
    /// 10 seconds and unverified tokens never evict verified callers). A call without a caller token throws
    /// <see cref="AmplifyNotSignedInException"/> before anything is sent; an <c>AWS_IAM</c> call without an ID token gets
    /// the identity pool's guest role only when <see cref="IAmplifyCallerContext.AllowsGuestCredentials"/> opts in. <c>AddAmplifyCallerTokenForwarding</c> of the
    /// ASP.NET Core package is this method with a context that reads the incoming request.
    /// </summary>
    /// <typeparam name="TContext">The host's view of the current caller; created once by the service provider.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="registeredBy">Names the registration in error messages, e.g. <c>AddMyCallerForwarding()</c>.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="registeredBy"/> is <see langword="null"/> or empty.</exception>
    /// <remarks>
    /// The first call wins; later calls do nothing. This registers the user-pool session and the AWS credentials
    /// provider of every <c>AWS_IAM</c> endpoint: do not also register a signed-in user's session, the last
    /// registration wins (a credentials provider keyed by an endpoint's name still wins for that endpoint). With an
    /// <c>AWS_IAM</c> endpoint, start-up validation requires the identity pool and the user pool. A caller's token
    /// cannot be refreshed, so an endpoint's 401 is returned without a retry. <c>AWS_LAMBDA</c> endpoints keep their
    /// function token provider.
    /// </remarks>
    public static IServiceCollection AddAmplifyCallerContext<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>(this IServiceCollection services, string registeredBy = "AddAmplifyCallerContext()")
        where TContext : class, IAmplifyCallerContext
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(registeredBy);
        if (services.Any(d => d.ServiceType == typeof(IAmplifyCallerContext)))
        {
            return services;
        }

        services.AddSingleton<IAmplifyCallerContext, TContext>();
        services.AddSingleton(provider => new CallerOidcTokenProvider(provider.GetRequiredService<IAmplifyCallerContext>(), registeredBy));
        AmplifyTokenServices.AddProvider(services, new AmplifyTokenProviderRegistration(
            AmplifyAuthorizationType.OpenIdConnect,
            endpointName: null,
            AmplifyTokenProviderPrecedence.Forwarding,
            registeredBy,
            static provider => provider.GetRequiredService<CallerOidcTokenProvider>()));

        // After AmplifyTokenServices registered the "not signed in" default: the last registration wins.
        services.AddSingleton<IUserPoolTokenSource>(provider => new CallerUserPoolTokenSource(
            provider.GetRequiredService<IAmplifyCallerContext>(),
            provider.GetRequiredService<ILogger<CallerUserPoolTokenSource>>(),
            registeredBy));

        // AWS_IAM: the caller's ID token exchanged for authenticated-role credentials, cached per caller.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new CallerCredentialsCache(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICallerCredentialsExchange>(provider => new CognitoCallerCredentialsExchange(
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<AmplifyEndpointCatalog>(),
            provider.GetRequiredService<ILoggerFactory>(),
            registeredBy,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAwsCredentialsProvider>(provider => new CallerCredentialsSource(
            provider.GetRequiredService<IAmplifyCallerContext>(),
            provider.GetRequiredService<CallerCredentialsCache>(),
            provider.GetRequiredService<ICallerCredentialsExchange>(),
            registeredBy,
            new CallerCredentialsGuestProvider(
                provider.GetRequiredService<AmplifyEndpointCatalog>(),
                provider.GetRequiredService<IHttpClientFactory>(),
                provider.GetRequiredService<AwsClockSkew>(),
                provider.GetRequiredService<ILoggerFactory>(),
                registeredBy)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmplifyRestApiOptions>>(new CallerCredentialsValidator(registeredBy)));
        return services;
    }
}
