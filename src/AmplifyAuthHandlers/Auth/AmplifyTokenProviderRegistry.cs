
namespace AmplifyAuthHandlers;

/// <summary>Finds the token provider of an endpoint: per-endpoint over "for all" over forwarding, then the last registered.</summary>
internal sealed class AmplifyTokenProviderRegistry(IEnumerable<AmplifyTokenProviderRegistration> registrations)
{
    private readonly AmplifyTokenProviderRegistration[] _registrations = [.. registrations];

    public IReadOnlyList<AmplifyTokenProviderRegistration> Registrations => _registrations;

    public AmplifyTokenProviderRegistration? Find(string endpointName, AmplifyAuthorizationType authorizationType)
    {
        AmplifyTokenProviderRegistration? best = null;
        foreach (var registration in _registrations)
        {
            if (registration.AuthorizationType != authorizationType
                || (registration.EndpointName is not null && !string.Equals(registration.EndpointName, endpointName, StringComparison.Ordinal)))
            {
                continue;
            }

            if (best is null || registration.Precedence >= best.Precedence)
            {
                best = registration;
            }
        }

        return best;
    }
}
