
namespace AmplifyAuthHandlers;

/// <summary>Asks an OIDC or function token provider for an endpoint's token, with a context per attempt kind.</summary>
internal sealed class ProviderEndpointTokenSource : IEndpointTokenSource
{
    private readonly IAmplifyTokenProvider _provider;
    private readonly AmplifyTokenContext _first;
    private readonly AmplifyTokenContext _refresh;

    public ProviderEndpointTokenSource(AmplifyEndpoint endpoint, IAmplifyTokenProvider provider)
    {
        _provider = provider;
        _first = new AmplifyTokenContext(endpoint.Name, endpoint.AuthorizationType, forceRefresh: false);
        _refresh = new AmplifyTokenContext(endpoint.Name, endpoint.AuthorizationType, forceRefresh: true);
        var kind = endpoint.AuthorizationType == AmplifyAuthorizationType.OpenIdConnect ? "OIDC" : "function";
        Description = provider is FunctionTokenProvider
            ? $"its {kind} token provider (the delegate passed to AddFunctionTokenProvider)"
            : $"its {kind} token provider ({provider.GetType().Name})";
    }

    public string Description { get; }

    /// <summary>Awaited with the request's token: a provider that ignores it cannot hold the request past its timeout.</summary>
    public ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        _provider.GetTokenAsync(forceRefresh ? _refresh : _first, cancellationToken).WaitAsync(cancellationToken);
}
