using System.Net;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>Posts raw JSON 1.1 requests, as an AWS SDK would, and hands back status, body and headers.</summary>
internal sealed class CognitoWire(Uri baseAddress) : IDisposable
{
    public const string IdentityProvider = "AWSCognitoIdentityProviderService";
    public const string Identity = "AWSCognitoIdentityService";

    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<WireResponse> PostAsync(string service, string operation, object body)
    {
        var json = body as string ?? JsonSerializer.Serialize(body, body.GetType(), WireTestJsonContext.Default);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", service + "." + operation);
        request.Content = new StringContent(json, Encoding.UTF8);
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        return new WireResponse(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), errorType, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => _http.Dispose();
}

internal sealed record WireResponse(HttpStatusCode Status, JsonElement Body, string? ErrorTypeHeader, string? ContentType)
{
    public string? Type => Body.TryGetProperty("__type", out var t) ? t.GetString() : null;

    public string? Message => Body.TryGetProperty("message", out var m) ? m.GetString() : null;

    public string Str(params string[] path)
    {
        var e = Body;
        foreach (var p in path)
        {
            e = e.GetProperty(p);
        }

        return e.GetString()!;
    }
}
