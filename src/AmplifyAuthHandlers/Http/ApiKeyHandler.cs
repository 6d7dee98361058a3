namespace AmplifyAuthHandlers;

/// <summary>
/// Puts the endpoint's API key in <c>x-api-key</c> on requests to the endpoint's origin — on API_KEY
/// endpoints and on any other endpoint that has a key (usage plans). A key the caller set wins.
/// </summary>
internal sealed class ApiKeyHandler(AmplifyEndpoint endpoint) : DelegatingHandler
{
    public const string HeaderName = "x-api-key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = AmplifyRequestOptionKeys.GetState(request);
        if (endpoint.ApiKey is { } key && state is { IsEndpointOrigin: true, CallerSetApiKey: false })
        {
            request.Headers.Remove(HeaderName);
            request.Headers.TryAddWithoutValidation(HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");
}
