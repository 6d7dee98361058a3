using System.Net;
using System.Net.Http.Headers;
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
    private List<Dictionary<string, string>> _headers = null!;
    private List<string> _contentLanguages = null!;

    [SetUp]
    public void SetUp()
    {
        _sent = 0;
        _headers = [];
        _contentLanguages = [];
    }

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

    [Test]
    public void SendAsync_HeaderProviderReturnsNull_ThrowsNamingTheEndpointAndSendsNothing()
    {
        using var host = Host(endpoint => endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>(null!));

        var ex = Assert.ThrowsAsync<AmplifyException>(() => host.Client("orders").GetAsync("items"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders'").And.Contain("header provider returned null").And.Contain("empty sequence"));
        Assert.That(_sent, Is.Zero);
    }

    [TestCase("", "v")]
    [TestCase(" ", "v")]
    [TestCase("x-tenant", null)]
    public void SendAsync_HeaderProviderReturnsEmptyNameOrNullValue_ThrowsAndSendsNothing(string name, string? value)
    {
        using var host = Host(endpoint => endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new(name, value!)]));

        var ex = Assert.ThrowsAsync<AmplifyException>(() => host.Client("orders").GetAsync("items"));

        Assert.That(ex, Is.TypeOf<AmplifyException>());
        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders'").And.Contain("empty name or a null value").And.Contain($"('{name}')"));
        Assert.That(_sent, Is.Zero);
    }

    [Test]
    public async Task SendAsync_ProviderAndEndpointNameTheSameHeader_TheProvidersValueIsSentOnce()
    {
        HttpRequestMessage? given = null;
        using var host = Host(endpoint =>
        {
            endpoint.Headers["X-Tenant"] = "static";
            endpoint.Headers["x-region"] = "eu";
            endpoint.HeaderProvider = (request, _) =>
            {
                given = request;
                return ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-tenant", "provided")]);
            };
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        using var response = await host.Client("orders").SendAsync(request);

        Assert.That(_headers.Single()["x-tenant"], Is.EqualTo("provided"));
        Assert.That(_headers.Single()["x-region"], Is.EqualTo("eu"));
        Assert.That(given, Is.SameAs(request), "the provider is given the request being sent");
    }

    [TestCase("Content-Language")]
    [TestCase("Expires")]
    [TestCase("Last-Modified")]
    [TestCase("Allow")]
    public async Task SendAsync_ContentHeaderOnARequestWithoutContent_IsLeftOutAndTheRequestSent(string name)
    {
        using var host = Host(endpoint =>
        {
            endpoint.Headers[name] = "Mon, 01 Jan 2024 00:00:00 GMT";
            endpoint.Headers["x-after"] = "still-added";
        });

        using var response = await host.Client("orders").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_headers.Single().ContainsKey(name), Is.False);
        Assert.That(_headers.Single()["x-after"], Is.EqualTo("still-added"));
    }

    [Test]
    public async Task SendAsync_ContentHeaderOnARequestWithContent_GoesOnTheContent()
    {
        using var host = Host(endpoint => endpoint.Headers["Content-Language"] = "de");

        using var response = await host.Client("orders").PostAsync("items", new StringContent("{}"));

        Assert.That(_contentLanguages, Is.EqualTo(new[] { "de" }));
    }

    [Test]
    public async Task SendAsync_CallersContentHeader_WinsOverTheEndpoints()
    {
        using var host = Host(endpoint => endpoint.Headers["Content-Language"] = "de");
        using var content = new StringContent("{}");
        content.Headers.ContentLanguage.Add("fr");

        using var response = await host.Client("orders").PostAsync("items", content);

        Assert.That(_contentLanguages, Is.EqualTo(new[] { "fr" }));
        Assert.That(content.Headers.ContentLanguage, Is.EqualTo(new[] { "fr" }), "the caller's header stays");
    }

    [Test]
    public async Task SendAsync_CrossOriginRequest_GetsNoCustomHeadersAndTheProviderIsNotAsked()
    {
        var asked = 0;
        using var host = Host(endpoint =>
        {
            endpoint.AllowCrossOriginRequests = true;
            endpoint.Headers["x-tenant"] = "static";
            endpoint.HeaderProvider = (_, _) =>
            {
                asked++;
                return ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-provided", "p")]);
            };
        });
        host.Mock.When("https://127.0.0.1:9/*").Respond(request =>
        {
            _headers.Add(request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });

        using var response = await host.Client("orders").GetAsync("https://127.0.0.1:9/hook");

        Assert.That(_headers.Single().Keys, Is.Empty);
        Assert.That(asked, Is.Zero);
    }

    [Test]
    public void SendAsync_CrossOriginRequestWithControlCharacter_IsRefusedToo()
    {
        using var host = Host(endpoint => endpoint.AllowCrossOriginRequests = true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:9/hook");
        request.Headers.TryAddWithoutValidation("x-trace", "a\r\nb");

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => host.Client("orders").SendAsync(request));

        Assert.That(ex!.HeaderName, Is.EqualTo("x-trace"));
        Assert.That(_sent, Is.Zero);
    }

    [Test]
    public async Task SendAsync_RetriedAttempt_CarriesTheProvidersNewValuesOnce()
    {
        var calls = 0;
        using var host = Host(endpoint =>
        {
            endpoint.Resilience.RetryNonIdempotent = true;
            endpoint.Headers["Content-Language"] = "de";
            endpoint.HeaderProvider = (_, _) =>
            {
                var n = Interlocked.Increment(ref calls);
                return ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-attempt", "a" + n), new("Content-Language", "l" + n)]);
            };
        }, firstStatus: HttpStatusCode.ServiceUnavailable);

        using var response = await host.Client("orders").PostAsync("items", new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_headers.Select(h => h["x-attempt"]), Is.EqualTo(new[] { "a1", "a2" }), "each attempt carries its own provider's value, once");
        Assert.That(_headers.Select(h => h["x-api-key"]), Is.EqualTo(new[] { "endpoint-key-1f3b", "endpoint-key-1f3b" }), "the key once per attempt");
        Assert.That(_contentLanguages, Is.EqualTo(new[] { "l1", "l2" }));
    }

    [Test]
    public void SendAsync_CallerHeaderWithControlCharacterOnAnEndpointWithCustomHeaders_IsRefusedBeforeAnythingIsSent()
    {
        using var host = Host(endpoint => endpoint.Headers["x-tenant"] = "static");
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("x-trace", "secret-" + Injection);

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => host.Client("orders").SendAsync(request));

        Assert.That((ex!.EndpointName, ex.HeaderName), Is.EqualTo(("orders", "x-trace")));
        Assert.That(ex.Message, Does.Not.Contain("secret-"));
        Assert.That(_sent, Is.Zero, "the check runs after the custom headers are added too");
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        var endpoint = new AmplifyEndpoint("orders", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.None });
        using var invoker = new HttpMessageInvoker(new CustomHeadersHandler(endpoint) { InnerHandler = new HttpClientHandler() });
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("use SendAsync"));
    }

    private AmplifyTestHost Host(Action<AmplifyRestEndpointOptions>? configure = null, HttpStatusCode firstStatus = HttpStatusCode.OK)
    {
        var host = AmplifyTestHost.Create(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "endpoint-key-1f3b";
            configure?.Invoke(endpoint);
        });
        host.Mock.When(Stage + "/*").Respond(request =>
        {
            _headers.Add(request.Headers.NonValidated.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
            _contentLanguages.AddRange(request.Content?.Headers.NonValidated.TryGetValues("Content-Language", out var languages) == true ? languages : []);
            var response = new HttpResponseMessage(Interlocked.Increment(ref _sent) == 1 ? firstStatus : HttpStatusCode.OK);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return response;
        });
        return host;
    }
}
