namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>A user handler that records the Authorization header it sees on the way in.</summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public List<string?> SeenAuthorization { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SeenAuthorization.Add(request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null);
        return base.SendAsync(request, cancellationToken);
    }
}
