using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>Registers token authorization (user pools, OIDC, Lambda): handler factories, validation, and the "not signed in" session.</summary>
internal static class AmplifyTokenServices
{
    public static void Add(IServiceCollection services)
    {
        // The process's own sign-in session; with no user pool configured it is simply never signed in.
        services.TryAddSingleton<IUserPoolTokenSource>(provider => provider.GetRequiredService<AmplifyAuth>());
        services.TryAddSingleton<AmplifyTokenProviderRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AmplifyRestApiOptions>, AmplifyTokenProviderRegistrationValidator>());
    }

    /// <summary>Adds a token provider registration; see <see cref="AmplifyTokenProviderRegistry"/> for which one an endpoint uses.</summary>
    public static void AddProvider(IServiceCollection services, AmplifyTokenProviderRegistration registration)
    {
        Add(services);
        services.AddSingleton(registration);
    }
}
