using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>
/// Refuses an <c>OPENID_CONNECT</c> or <c>AWS_LAMBDA</c> endpoint that no token provider serves (its requests
/// would go out unauthenticated), and a per-endpoint token provider whose endpoint does not exist or has
/// another mode: a typo in the name would otherwise leave the provider unused and the endpoint on the
/// "for all" provider.
/// </summary>
internal sealed class AmplifyTokenProviderRegistrationValidator(AmplifyTokenProviderRegistry registry) : IValidateOptions<AmplifyRestApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AmplifyRestApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? problems = null;
        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            if (!string.IsNullOrWhiteSpace(endpointName)
                && endpoint is { AuthorizationType: AmplifyAuthorizationType.OpenIdConnect or AmplifyAuthorizationType.AwsLambda }
                && !endpoint.AuthorizationTypeUnreadable
                && registry.Find(endpointName, endpoint.AuthorizationType) is null)
            {
                var call = endpoint.AuthorizationType == AmplifyAuthorizationType.OpenIdConnect
                    ? "AddOidcTokenProvider<T>()"
                    : "AddFunctionTokenProvider(...)";
                (problems ??= []).Add($"{AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType)} endpoint '{endpointName}' has no token provider: call {call} on the builder AddAmplifyRestApi returned (for every such endpoint, or with the endpoint name for this one).");
            }
        }

        foreach (var registration in registry.Registrations)
        {
            if (registration.EndpointName is not { } endpointName)
            {
                continue;
            }

            if (!options.Endpoints.TryGetValue(endpointName, out var endpoint) || endpoint is null)
            {
                var configured = options.Endpoints.Count == 0 ? "(none)" : string.Join(", ", options.Endpoints.Keys.Order(StringComparer.Ordinal));
                (problems ??= []).Add($"{registration.RegisteredWith} names endpoint '{endpointName}', but no endpoint of that name is configured. Configured endpoints: {configured}.");
            }
            else if (endpoint.AuthorizationType != registration.AuthorizationType)
            {
                (problems ??= []).Add($"{registration.RegisteredWith} registers a token provider for {AmplifyAuthorizationTypeNames.ToWireName(registration.AuthorizationType)} endpoints, but endpoint '{endpointName}' is {AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType)}; the provider would never be used.");
            }
        }

        return problems is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
