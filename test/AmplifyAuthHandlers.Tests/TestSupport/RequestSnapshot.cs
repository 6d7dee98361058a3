namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A copy of a request's method, URI and headers as they were when the primary handler got it. The chain removes
/// what it added when the attempt ends, so a test that keeps the live message sees none of the auth headers later.
/// </summary>
internal static class RequestSnapshot
{
    public static HttpRequestMessage Of(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        return copy;
    }
}
