using System.Diagnostics.CodeAnalysis;
using AmplifyAuthHandlers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the token providers of <c>OPENID_CONNECT</c> and <c>AWS_LAMBDA</c> endpoints, for every endpoint of
/// the mode or for one endpoint by name; a per-endpoint provider wins over one for every endpoint.
/// Providers are singletons (handlers are pooled); an endpoint without one fails validation at start-up.
/// </summary>
public static class AmplifyTokenProviderBuilderExtensions
{
    /// <summary>Uses <typeparamref name="T"/> for every <c>OPENID_CONNECT</c> endpoint without a provider of its own.</summary>
    /// <typeparam name="T">The provider; registered as a singleton unless <typeparamref name="T"/> is already registered (as a singleton).</typeparam>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder AddOidcTokenProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IAmplifyRestApiBuilder builder)
        where T : class, IAmplifyTokenProvider =>
        AddTypedProvider<T>(builder, AmplifyAuthorizationType.OpenIdConnect, endpointName: null, $"AddOidcTokenProvider<{typeof(T).Name}>()");

    /// <summary>Uses <typeparamref name="T"/> for the <c>OPENID_CONNECT</c> endpoint <paramref name="endpointName"/>.</summary>
    /// <typeparam name="T">The provider; registered as a singleton unless <typeparamref name="T"/> is already registered (as a singleton).</typeparam>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="endpointName">The endpoint's name; validation refuses a name that is not an <c>OPENID_CONNECT</c> endpoint.</param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder AddOidcTokenProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IAmplifyRestApiBuilder builder, string endpointName)
        where T : class, IAmplifyTokenProvider
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        return AddTypedProvider<T>(builder, AmplifyAuthorizationType.OpenIdConnect, endpointName, $"AddOidcTokenProvider<{typeof(T).Name}>(\"{endpointName}\")");
    }

    /// <summary>Uses <paramref name="tokenProvider"/> for every <c>AWS_LAMBDA</c> endpoint without a provider of its own.</summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="tokenProvider">
    /// Returns the token for a request; it is called again after a 401 (a different token is retried once).
    /// <see langword="null"/> or empty fails the request with <see cref="AmplifyAuthException"/>. Called concurrently.
    /// </param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder AddFunctionTokenProvider(this IAmplifyRestApiBuilder builder, Func<CancellationToken, ValueTask<string?>> tokenProvider) =>
        AddFunction(builder, endpointName: null, tokenProvider, "AddFunctionTokenProvider(...)");

    /// <summary>Uses <paramref name="tokenProvider"/> for the <c>AWS_LAMBDA</c> endpoint <paramref name="endpointName"/>.</summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="endpointName">The endpoint's name; validation refuses a name that is not an <c>AWS_LAMBDA</c> endpoint.</param>
    /// <param name="tokenProvider">
    /// Returns the token for a request; it is called again after a 401 (a different token is retried once).
    /// <see langword="null"/> or empty fails the request with <see cref="AmplifyAuthException"/>. Called concurrently.
    /// </param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder AddFunctionTokenProvider(this IAmplifyRestApiBuilder builder, string endpointName, Func<CancellationToken, ValueTask<string?>> tokenProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        return AddFunction(builder, endpointName, tokenProvider, $"AddFunctionTokenProvider(\"{endpointName}\", ...)");
    }

    private static IAmplifyRestApiBuilder AddTypedProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(IAmplifyRestApiBuilder builder, AmplifyAuthorizationType type, string? endpointName, string registeredWith)
        where T : class, IAmplifyTokenProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        var existing = builder.Services.LastOrDefault(d => d.ServiceType == typeof(T));
        if (existing is { Lifetime: ServiceLifetime.Scoped })
        {
            // Handlers are pooled and shared by every caller: a scoped provider would serve one scope's token to all.
            throw new InvalidOperationException($"{registeredWith}: {typeof(T).Name} is registered as a scoped service, but token providers are used by pooled handlers shared by every caller. Register it as a singleton (or let {registeredWith} register it).");
        }

        builder.Services.TryAddSingleton<T>();
        AmplifyTokenServices.AddProvider(builder.Services, new AmplifyTokenProviderRegistration(
            type,
            endpointName,
            endpointName is null ? AmplifyTokenProviderPrecedence.AllEndpoints : AmplifyTokenProviderPrecedence.Endpoint,
            registeredWith,
            static services => services.GetRequiredService<T>()));
        return builder;
    }

    private static IAmplifyRestApiBuilder AddFunction(IAmplifyRestApiBuilder builder, string? endpointName, Func<CancellationToken, ValueTask<string?>> tokenProvider, string registeredWith)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        var provider = new FunctionTokenProvider(tokenProvider);
        AmplifyTokenServices.AddProvider(builder.Services, new AmplifyTokenProviderRegistration(
            AmplifyAuthorizationType.AwsLambda,
            endpointName,
            endpointName is null ? AmplifyTokenProviderPrecedence.AllEndpoints : AmplifyTokenProviderPrecedence.Endpoint,
            registeredWith,
            _ => provider));
        return builder;
    }
}
