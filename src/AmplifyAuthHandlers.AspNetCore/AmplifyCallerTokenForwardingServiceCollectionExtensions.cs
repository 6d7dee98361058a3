using AmplifyAuthHandlers;
using AmplifyAuthHandlers.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Forwards the token of the incoming ASP.NET Core request to Amplify REST endpoints.</summary>
public static class AmplifyCallerTokenForwardingServiceCollectionExtensions
{
    /// <summary>
    /// Sends the current caller's token (by default the <c>Authorization: Bearer &lt;token&gt;</c> of the incoming
    /// request, scheme stripped) to <c>AMAZON_COGNITO_USER_POOLS</c> endpoints and to <c>OPENID_CONNECT</c> endpoints
    /// without a token provider of their own; <c>AWS_IAM</c> endpoints get the identity pool's authenticated-role
    /// credentials for the caller's ID token (see <see cref="AmplifyCallerTokenForwardingOptions.IdTokenHeaderName"/>),
    /// cached per caller. Tokens are read from <see cref="Microsoft.AspNetCore.Http.IHttpContextAccessor"/> on every
    /// request, so concurrent callers never see each other's tokens or credentials. A call without an incoming token
    /// throws <see cref="AmplifyAuthHandlers.AmplifyNotSignedInException"/> before anything is sent.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes where the token is found; optional.</param>
    /// <returns>The same service collection.</returns>
    /// <remarks>
    /// It is <see cref="AmplifyCallerContextServiceCollectionExtensions.AddAmplifyCallerContext{TContext}"/> with a context
    /// that reads the incoming request. This registers the user-pool session (<see cref="IUserPoolTokenSource"/>) and the AWS credentials provider
    /// for every <c>AWS_IAM</c> endpoint: do not also register a signed-in user's session, the last registration wins
    /// (a credentials provider keyed by an endpoint's name still wins for that endpoint). With an <c>AWS_IAM</c>
    /// endpoint, start-up validation requires the identity pool and the user pool. A forwarded token cannot be
    /// refreshed, so an endpoint's 401 is returned to the caller without a retry. <c>AWS_LAMBDA</c> endpoints keep
    /// their function token provider.
    /// </remarks>
    public static IServiceCollection AddAmplifyCallerTokenForwarding(this IServiceCollection services, Action<AmplifyCallerTokenForwardingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AmplifyCallerTokenForwardingOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(CallerTokenReader)))
        {
            return services;
        }

        options
            .Validate(o => IsHeaderName(o.HeaderName), "AmplifyCallerTokenForwardingOptions.HeaderName must be an HTTP header name, e.g. Authorization.")
            .Validate(o => string.IsNullOrEmpty(o.Scheme) || IsHeaderName(o.Scheme), "AmplifyCallerTokenForwardingOptions.Scheme must be one word, e.g. Bearer, or empty for the whole header value.")
            .Validate(o => string.IsNullOrEmpty(o.IdTokenHeaderName) || IsHeaderName(o.IdTokenHeaderName), "AmplifyCallerTokenForwardingOptions.IdTokenHeaderName must be an HTTP header name.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<CallerTokenReader>();
        return services.AddAmplifyCallerContext<CallerTokenReader>("AddAmplifyCallerTokenForwarding()");
    }

    private static bool IsHeaderName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => c > ' ' && c < (char)127 && c != ':');
}
