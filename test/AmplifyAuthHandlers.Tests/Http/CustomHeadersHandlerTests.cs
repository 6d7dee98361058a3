using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Header injection through an endpoint's chain: a control character in a header the caller set on the message, or
/// in a header provider's name or value, is refused with <see cref="AmplifyInvalidHeaderException"/> naming the
/// endpoint and the header (never the value) before the endpoint's key is attached, and nothing reaches the primary.
/// </summary>
/// <remarks>Checked to fail: before the check, each of these requests reached the primary handler with the value verbatim.</remarks>
[TestFixture]
public sealed class CustomHeadersHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string Injection = "v\r\nx-api-key: smuggled\r\n\r\nGET /dev/admin HTTP/1.1";

    private int _sent;

    [SetUp]
    public void SetUp() => _sent = 0;

    [TestCase("x-trace", "a\r\nb")]
    [TestCase("x-trace", "a\nb")]
    [TestCase("x-trace", "a\rb")]
    [TestCase("x-trace", "a\0b")]
    [TestCase("x-trace", "a\u001bb")]
    [TestCase("x-trace", "a\u007fb")]
    [TestCase("Authorization", Injection)]
    public void SendAsync_CallerHeaderWithControlCharacter_IsRefusedBeforeAnythingIsSent(string name, string value)
    {
        using var host = Host();
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        Assert.That(request.Headers.TryAddWithoutValidation(name, "secret-" + value), Is.True, "HttpClient accepts the value unvalidated");

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => host.Client("orders").SendAsync(request));

        Assert.That((ex!.EndpointName, ex.HeaderName), Is.EqualTo(("orders", name)));
        Assert.That(ex.Message, Does.Contain("'orders'").And.Contain($"'{name}'").And.Not.Contain("secret-"));
        Assert.That(_sent, Is.Zero, "nothing reached the primary handler");
    }

    [Test]
    public void SendAsync_CallerContentHeaderWithLineBreak_IsRefused()
    {
        using var host = Host();
        using var request = new HttpRequestMessage(HttpMethod.Post, "items") { Content = new StringContent("{}") };
        request.Content.Headers.TryAddWithoutValidation("Content-Language", "en\r\nx-injected: 1");

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => host.Client("orders").SendAsync(request));

        Assert.That(ex!.HeaderName, Is.EqualTo("Content-Language"));
        Assert.That(_sent, Is.Zero);
    }

    [TestCase("x-tenant", Injection)]
    [TestCase("x-tenant", "a\0b")]
    [TestCase("x-tenant", "caf\u00e9")]
    [TestCase("x(t)", "v")]
    [TestCase("x@t", "v")]
    [TestCase("x-a\r\nx-b", "v")]
    public void SendAsync_HeaderProviderReturnsInvalidHeader_IsRefusedNamingEndpointAndHeader(string name, string value)
    {
        using var host = Host(endpoint => endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new(name, value)]));

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => host.Client("orders").GetAsync("items"));

        Assert.That((ex!.EndpointName, ex.HeaderName), Is.EqualTo(("orders", name)));
        Assert.That(ex.Message, Does.Contain("header provider").And.Not.Contain("\r").And.Not.Contain("\n"));
        Assert.That(_sent, Is.Zero);
    }

    [Test]
    public async Task SendAsync_PrintableHeadersWithSpacesAndTabs_AreSent()
    {
        using var host = Host(endpoint => endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-tenant", "a b\tc")]));
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("x-trace", "one two");

        using var response = await host.Client("orders").SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_sent, Is.EqualTo(1));
    }

    private AmplifyTestHost Host(Action<AmplifyRestEndpointOptions>? configure = null)
    {
        var host = AmplifyTestHost.Create(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "endpoint-key-1f3b";
            configure?.Invoke(endpoint);
        });
        host.Mock.When(Stage + "/*").Respond(_ =>
        {
            Interlocked.Increment(ref _sent);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        return host;
    }
}
