using System.Diagnostics.CodeAnalysis;
using AmplifyAuthHandlers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses where <c>AWS_IAM</c> endpoints get credentials, and where sessions and identities are kept.</summary>
public static class AmplifyCredentialsBuilderExtensions
{
    /// <summary>
    /// Registers a credentials provider for one <c>AWS_IAM</c> endpoint, or for all of them when
    /// <paramref name="endpointName"/> is <see langword="null"/>. It wins over static keys, the identity pool and the credential chain.
    /// </summary>
    /// <typeparam name="T">The provider; a singleton, so it must not depend on scoped services.</typeparam>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="endpointName">The endpoint, or <see langword="null"/> for every endpoint.</param>
    /// <returns>The same builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a type argument against an instance, never by the optional endpoint name, so no call is ambiguous.")]
    public static IAmplifyRestApiBuilder AddAwsCredentialsProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IAmplifyRestApiBuilder builder, string? endpointName = null)
        where T : class, IAwsCredentialsProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (endpointName is null)
        {
            builder.Services.AddSingleton<IAwsCredentialsProvider, T>();
        }
        else
        {
            builder.Services.AddKeyedSingleton<IAwsCredentialsProvider, T>(endpointName);
        }

        return builder;
    }

    /// <summary>Registers a credentials provider instance for one endpoint, or for all when <paramref name="endpointName"/> is <see langword="null"/>.</summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="provider">The provider, e.g. <see cref="StaticAwsCredentialsProvider"/>.</param>
    /// <param name="endpointName">The endpoint, or <see langword="null"/> for every endpoint.</param>
    /// <returns>The same builder.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ by a type argument against an instance, never by the optional endpoint name, so no call is ambiguous.")]
    public static IAmplifyRestApiBuilder AddAwsCredentialsProvider(this IAmplifyRestApiBuilder builder, IAwsCredentialsProvider provider, string? endpointName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(provider);
        if (endpointName is null)
        {
            builder.Services.AddSingleton(provider);
        }
        else
        {
            builder.Services.AddKeyedSingleton(endpointName, provider);
        }

        return builder;
    }

    /// <summary>
    /// Registers the credential chain <c>AWS_IAM</c> endpoints use last, when no provider is registered and neither
    /// static keys nor an identity pool are configured, and turns it on
    /// (<see cref="AwsCredentialsOptions.UseAwsSdkCredentialChain"/>). This is how the AmplifyAuthHandlers.AwsSdk
    /// package's <c>UseAwsSdkCredentials()</c> plugs in the AWS SDK's default chain; a later call replaces an earlier one.
    /// What the chain returns is cached, and refreshed 5 minutes before it expires by one call for all requests.
    /// </summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="factory">Creates the chain once, from the application's services; it must not depend on scoped services.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="factory"/> is <see langword="null"/>.</exception>
    public static IAmplifyRestApiBuilder UseAwsCredentialChain(this IAmplifyRestApiBuilder builder, Func<IServiceProvider, IAwsCredentialsProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<AwsCredentialChainRegistration>();
        builder.Services.AddSingleton(new AwsCredentialChainRegistration(factory));
        builder.Services.Configure<AmplifyRestApiOptions>(options => options.Credentials.UseAwsSdkCredentialChain = true);
        return builder;
    }

    /// <summary>Supplies identity-pool logins from your own source (developer identities, social providers) instead of the user-pool sign-in.</summary>
    /// <typeparam name="T">The provider; a singleton.</typeparam>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder AddCognitoLoginsProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>(this IAmplifyRestApiBuilder builder)
        where T : class, ICognitoLoginsProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ICognitoLoginsProvider, T>();
        return builder;
    }

    /// <summary>Keeps the signed-in user's tokens in <paramref name="store"/> (e.g. <see cref="AmplifyFileTokenStore"/>) instead of memory.</summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="store">The store.</param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder UseTokenStore(this IAmplifyRestApiBuilder builder, IAmplifyTokenStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddSingleton(store);
        return builder;
    }

    /// <summary>Keeps Cognito identity IDs in <paramref name="store"/> instead of memory.</summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <param name="store">The store.</param>
    /// <returns>The same builder.</returns>
    public static IAmplifyRestApiBuilder UseIdentityIdStore(this IAmplifyRestApiBuilder builder, IAmplifyIdentityIdStore store)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(store);
        builder.Services.AddSingleton(store);
        return builder;
    }
}
