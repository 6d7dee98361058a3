using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Cognito;

/// <summary>
/// A MockHttp-backed Cognito endpoint for unit tests: each queued response is an expectation for one POST to
/// <see cref="ServiceUri"/>; every request is recorded with its target, content type and parsed JSON body.
/// Any other request fails the test through the throwing fallback.
/// </summary>
internal sealed class CognitoStub : IDisposable
{
    public static readonly Uri ServiceUri = new("https://cognito.test.example/");

    private readonly MockHttpMessageHandler _handler = new();
    private readonly List<HttpClient> _clients = [];

    public CognitoStub()
    {
        _handler.Fallback.Throw(new InvalidOperationException("The test sent a request it did not expect."));
    }

    public List<RecordedRequest> Requests { get; } = [];

    public HttpClient CreateClient()
    {
        var client = _handler.ToHttpClient();
        _clients.Add(client);
        return client;
    }

    public void Respond(HttpStatusCode status, string body, string? errorTypeHeader = null, string mediaType = "application/x-amz-json-1.1") =>
        _handler.Expect(HttpMethod.Post, ServiceUri.ToString()).Respond(async request =>
        {
            await RecordAsync(request);
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
            if (errorTypeHeader is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorTypeHeader);
            }

            return response;
        });

    public void VerifyNoOutstandingExpectation() => _handler.VerifyNoOutstandingExpectation();

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _handler.Dispose();
    }

    private async Task RecordAsync(HttpRequestMessage request)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
        Requests.Add(new RecordedRequest(
            request.Method,
            request.RequestUri,
            request.Headers.TryGetValues("X-Amz-Target", out var targets) ? string.Join(",", targets) : null,
            request.Content?.Headers.ContentType?.ToString(),
            request.Headers.Authorization is not null,
            body,
            JsonNode.Parse(body)!.AsObject()));
    }

    internal sealed record RecordedRequest(HttpMethod Method, Uri? Uri, string? Target, string? ContentType, bool HasAuthorization, string RawBody, JsonObject Body);
}
