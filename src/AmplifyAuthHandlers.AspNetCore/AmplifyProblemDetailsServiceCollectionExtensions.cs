using AmplifyAuthHandlers.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Maps the library's exceptions to RFC 9457 problem details in an ASP.NET Core app.</summary>
public static class AmplifyProblemDetailsServiceCollectionExtensions
{
    /// <summary>
    /// Answers the library's exceptions that reach <c>app.UseExceptionHandler()</c> (minimal APIs and MVC alike) with
    /// problem details (<c>application/problem+json</c>): <c>401</c> for <see cref="AmplifyAuthHandlers.AmplifyNotSignedInException"/>
    /// and <see cref="AmplifyAuthHandlers.SessionExpiredException"/> (with <c>WWW-Authenticate: Bearer</c>); <c>502</c> for
    /// <see cref="AmplifyAuthHandlers.AmplifyHttpStatusException"/> (an upstream API's error; the <c>endpoint</c> extension
    /// names it) and <see cref="AmplifyAuthHandlers.CognitoServiceException"/>; <c>503</c> for
    /// <see cref="AmplifyAuthHandlers.AwsCredentialsUnavailableException"/> and an upstream call's timeout. Each answer has a
    /// <c>type</c> (<c>urn:amplify-auth-handlers:problem:…</c>), a title and a detail; never a secret, an upstream
    /// response body or an upstream message. Other exceptions are left to the app's other handlers.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// It registers <c>AddProblemDetails()</c> and an <see cref="Microsoft.AspNetCore.Diagnostics.IExceptionHandler"/>;
    /// the app must call <c>app.UseExceptionHandler()</c>. Handlers run in the order they were registered: register this
    /// one first to let it answer the library's exceptions before a catch-all handler does.
    /// </remarks>
    public static IServiceCollection AddAmplifyProblemDetails(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(Microsoft.AspNetCore.Diagnostics.IExceptionHandler) && d.ImplementationType == typeof(AmplifyExceptionHandler)))
        {
            return services;
        }

        services.AddProblemDetails();
        services.AddExceptionHandler<AmplifyExceptionHandler>();
        return services;
    }
}
