
namespace AmplifyAuthHandlers;

/// <summary>
/// One token provider registration, kept in the service collection so that registrations made in any order
/// (builder extensions, caller-token forwarding) are all seen by validation and by the handler factory.
/// </summary>
internal sealed class AmplifyTokenProviderRegistration
{
    public AmplifyTokenProviderRegistration(
        AmplifyAuthorizationType authorizationType,
        string? endpointName,
        AmplifyTokenProviderPrecedence precedence,
        string registeredWith,
        Func<IServiceProvider, IAmplifyTokenProvider> factory)
    {
        AuthorizationType = authorizationType;
        EndpointName = endpointName;
        Precedence = precedence;
        RegisteredWith = registeredWith;
        Factory = factory;
    }

    public AmplifyAuthorizationType AuthorizationType { get; }

    /// <summary>The endpoint this provider is for, or <see langword="null"/> for every endpoint of <see cref="AuthorizationType"/>.</summary>
    public string? EndpointName { get; }

    public AmplifyTokenProviderPrecedence Precedence { get; }

    /// <summary>The call that registered it, for messages, e.g. <c>AddOidcTokenProvider&lt;MyProvider&gt;("orders")</c>.</summary>
    public string RegisteredWith { get; }

    /// <summary>Creates the provider from the root provider (never a scope: handlers are pooled).</summary>
    public Func<IServiceProvider, IAmplifyTokenProvider> Factory { get; }
}
