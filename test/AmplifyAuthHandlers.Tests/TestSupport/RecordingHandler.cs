namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>A user handler that records the headers a request has when it passes, to prove where it sits in the chain.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public List<Dictionary<string, string>> Seen { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Seen.Add(request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
        return base.SendAsync(request, cancellationToken);
    }
}
