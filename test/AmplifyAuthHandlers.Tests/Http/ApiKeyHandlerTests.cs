using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// The endpoint's key goes only on requests the endpoint handler marked as its own origin and whose caller set no key;
/// it replaces the previous attempt's key instead of adding a second value.
/// </summary>
[TestFixture]
public sealed class ApiKeyHandlerTests
{
    private const string Stage = "https://abc123.execute-api.us-west-2.amazonaws.com/dev";

    [TestCase(true, false, "endpoint-key")]
    [TestCase(true, true, "caller-key")]
    [TestCase(false, false, null)]
    [TestCase(false, true, "caller-key")]
    public async Task SendAsync_DependingOnOriginAndCallersKey_AttachesTheKeyOrLeavesTheRequest(bool endpointOrigin, bool callerSetKey, string? expected)
    {
        var (invoker, seen) = Direct("endpoint-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        if (callerSetKey)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");
        }

        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(callerSetAuthorization: false, callerSetApiKey: callerSetKey) { IsEndpointOrigin = endpointOrigin });

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(seen.Single(), Is.EqualTo(expected));
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_KeyLeftFromThePreviousAttempt_IsReplacedNotDoubled()
    {
        var (invoker, seen) = Direct("endpoint-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(seen, Is.EqualTo(new[] { "endpoint-key", "endpoint-key" }));
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_NoRequestState_AttachesNothing()
    {
        var (invoker, seen) = Direct("endpoint-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(seen.Single(), Is.Null, "without the endpoint handler's decision nothing says the origin is the endpoint's");
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_EndpointWithoutKey_AttachesNothing()
    {
        var (invoker, seen) = Direct(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(seen.Single(), Is.Null);
        invoker.Dispose();
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        var (invoker, seen) = Direct("endpoint-key");
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("use SendAsync"));
        Assert.That(seen, Is.Empty);
        invoker.Dispose();
    }

    [Test]
    public void SendAsync_NullRequest_ThrowsArgumentNullNamingTheRequest()
    {
        var endpoint = new AmplifyEndpoint("orders", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.ApiKey, ApiKey = "endpoint-key" });
        using var handler = new ApiKeyHandler(endpoint) { InnerHandler = new KeyRecorder([]) };

        var error = Assert.ThrowsAsync<ArgumentNullException>(() => ProtectedSend.SendAsync(handler, null));

        Assert.That(error!.ParamName, Is.EqualTo("request"));
    }

    private static (HttpMessageInvoker Invoker, List<string?> Seen) Direct(string? key)
    {
        var endpoint = new AmplifyEndpoint("orders", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.ApiKey, ApiKey = key });
        var seen = new List<string?>();
        return (new HttpMessageInvoker(new ApiKeyHandler(endpoint) { InnerHandler = new KeyRecorder(seen) }), seen);
    }

    private sealed class KeyRecorder(List<string?> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add(request.Headers.TryGetValues("x-api-key", out var values) ? string.Join(",", values) : null);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Add("sync");
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
