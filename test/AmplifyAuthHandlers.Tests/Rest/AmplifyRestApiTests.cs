using System.Net;
using System.Text;
using System.Text.Json.Serialization;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Rest;

[TestFixture]
public sealed class AmplifyRestApiTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;

    private static AmplifyTestHost NewHost() =>
        AmplifyTestHost.Create(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123");

    private static IAmplifyRestApi Api(AmplifyTestHost host) => host.Provider.GetRequiredService<IAmplifyRestApi>();

    [TestCase("/items")]
    [TestCase("items")]
    public async Task GetAsync_Path_IsRelativeToTheStage(string path)
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "key-123").Respond("application/json", "[]");

        using var response = await Api(host).GetAsync("orders", path);

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[]"));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase("x-trace", "a\r\nx-api-key: smuggled")]
    [TestCase("x-trace", "a\nb")]
    [TestCase("x-trace", "a\0b")]
    [TestCase("x-trace", "a\u001bb")]
    [TestCase("x-trace", "caf\u00e9")]
    [TestCase("x(t)", "v")]
    [TestCase("x@t", "v")]
    [TestCase("x-a\r\nx-b", "v")]
    public void GetAsync_PerRequestHeaderNotSendable_ThrowsNamingEndpointAndHeaderAndSendsNothing(string name, string value)
    {
        using var host = NewHost();
        var sent = 0;
        host.Mock.When(Stage + "/*").Respond(_ =>
        {
            sent++;
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var options = new AmplifyRequestOptions();
        options.Headers[name] = "secret-" + value;

        var ex = Assert.ThrowsAsync<AmplifyInvalidHeaderException>(() => Api(host).GetAsync("orders", "/items", options));

        Assert.That((ex!.EndpointName, ex.HeaderName), Is.EqualTo(("orders", name)));
        Assert.That(ex.Message, Does.Contain("AmplifyRequestOptions.Headers").And.Not.Contain("secret-"));
        Assert.That(sent, Is.Zero);
    }

    [Test]
    public async Task GetAsync_QueryParameters_AreEncodedAndRepeatable()
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/search")
            .With(r => r.RequestUri!.Query == "?q=a%20b%26c&tag=x&tag=y")
            .Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.QueryParameters.Add(new("q", "a b&c"));
        options.QueryParameters.Add(new("tag", "x"));
        options.QueryParameters.Add(new("tag", "y"));

        using var response = await Api(host).GetAsync("orders", "/search", options);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task PostAsync_JsonBody_IsSentWithContentType()
    {
        using var host = NewHost();
        string? body = null;
        string? contentType = null;
        host.Mock.Expect(HttpMethod.Post, Stage + "/items")
            .With(r => { body = r.Content!.ReadAsStringAsync().Result; contentType = r.Content.Headers.ContentType!.ToString(); return true; })
            .Respond(HttpStatusCode.Created);

        using var response = await Api(host).PostAsync("orders", "/items", new AmplifyRequestOptions { Body = AmplifyRestBody.FromJson(new Item("pen", 2), TestJsonContext.Default.Item) });

        Assert.That(body, Is.EqualTo("""{"name":"pen","count":2}"""));
        Assert.That(contentType, Is.EqualTo("application/json; charset=utf-8"));
    }

    [Test]
    public async Task PutAsync_StringAndBytes_AreSentAsGiven()
    {
        using var host = NewHost();
        var bodies = new List<byte[]>();
        host.Mock.When(HttpMethod.Put, Stage + "/blob").With(r => { bodies.Add(r.Content!.ReadAsByteArrayAsync().Result); return true; }).Respond(HttpStatusCode.OK);

        using (await Api(host).PutAsync("orders", "blob", new AmplifyRequestOptions { Body = AmplifyRestBody.FromString("héllo") }))
        using (await Api(host).PutAsync("orders", "blob", new AmplifyRequestOptions { Body = AmplifyRestBody.FromBytes(new byte[] { 0, 255, 7 }) }))
        {
        }

        Assert.That(bodies[0], Is.EqualTo(Encoding.UTF8.GetBytes("héllo")));
        Assert.That(bodies[1], Is.EqualTo(new byte[] { 0, 255, 7 }));
    }

    [Test]
    public async Task SendAsync_EveryVerb_UsesItsMethod()
    {
        using var host = NewHost();
        var methods = new List<string>();
        host.Mock.When(Stage + "/x").With(r => { methods.Add(r.Method.Method); return true; }).Respond(HttpStatusCode.NoContent);
        var api = Api(host);

        (await api.GetAsync("orders", "x")).Dispose();
        (await api.PostAsync("orders", "x")).Dispose();
        (await api.PutAsync("orders", "x")).Dispose();
        (await api.PatchAsync("orders", "x")).Dispose();
        (await api.DeleteAsync("orders", "x")).Dispose();
        (await api.HeadAsync("orders", "x")).Dispose();

        Assert.That(methods, Is.EqualTo(new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" }));
    }

    [Test]
    public async Task SendAsync_RequestHeaders_WinOverEndpointHeaders()
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/x").WithHeaders("x-api-key", "override").WithHeaders("x-trace", "t").Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.Headers["x-api-key"] = "override";
        options.Headers["x-trace"] = "t";

        using var response = await Api(host).GetAsync("orders", "/x", options);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void GetAsync_Non2xx_ThrowsWithStatusHeadersBodyAndErrorType()
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/secret").Respond(req =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"message":"Forbidden"}""") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "ForbiddenException:http://internal.amazon.com/coral/com.amazon.coral.service/");
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
            return response;
        });

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => Api(host).GetAsync("orders", "/secret"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(((HttpRequestException)ex).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "catch (HttpRequestException) and resilience predicates read the base class's status");
            Assert.That(ex, Is.Not.InstanceOf<AmplifyException>());
            Assert.That(ex.ErrorType, Is.EqualTo("ForbiddenException"));
            Assert.That(ex.Body, Is.EqualTo("""{"message":"Forbidden"}"""));
            Assert.That(ex.Headers["x-amzn-requestid"], Is.EqualTo(new[] { "req-1" }));
            Assert.That(ex.Headers["Content-Type"], Has.Count.EqualTo(1));
            Assert.That(ex.ApiName, Is.EqualTo("orders"));
            Assert.That(ex.Message, Does.Contain("GET /dev/secret").And.Contain("403").And.Contain("ForbiddenException").And.Not.Contain("key-123"));
        });
    }

    [Test]
    public void GetAsync_ForbiddenOnApiKeyEndpoint_MessageCarriesGatewayReasonAndKeyHint()
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/secret").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"message":"Forbidden"}""") };
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "ForbiddenException");
            return response;
        });

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => Api(host).GetAsync("orders", "/secret"));

        Assert.That(ex!.Message, Does.Contain("(ForbiddenException): Forbidden").And.Contain("usage plan").And.Not.Contain("key-123"));
    }

    [Test]
    public void GetAsync_ConnectionRefused_HttpRequestExceptionNamingEndpointAndHostWithTheSameError()
    {
        // One attempt: the endpoint's own retries (on by default) would send it again.
        using var host = AmplifyTestHost.Create(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "key-123";
            endpoint.Resilience.Enabled = false;
        });
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)");
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").Throw(refused);

        var ex = Assert.ThrowsAsync<HttpRequestException>(() => Api(host).GetAsync("orders", "/items"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("Endpoint 'orders'").And.Contain("abc123.execute-api.us-west-2.amazonaws.com").And.Contain("Connection refused (127.0.0.1:1)"));
            Assert.That(ex.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
            Assert.That(ex.InnerException, Is.SameAs(refused));
        });
    }

    [Test]
    public void GetAsync_HttpClientTimeout_TaskCanceledNamingEndpointHostAndTimeout()
    {
        using var host = AmplifyTestHost.Create(
            o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123",
            (b, _) => b.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => new NeverAnswers()).ConfigureHttpClient(c => c.Timeout = TimeSpan.FromMilliseconds(50)));

        var ex = Assert.ThrowsAsync<TaskCanceledException>(() => Api(host).GetAsync("orders", "/slow"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("GET /dev/slow on endpoint 'orders' (abc123.execute-api.us-west-2.amazonaws.com) timed out after 0.05 s"));
            Assert.That(ex.InnerException, Is.TypeOf<TimeoutException>(), "code that recognises HttpClient's timeout still does");
        });
    }

    [Test]
    public void GetAsync_CallerCancels_OriginalCancellation()
    {
        using var host = AmplifyTestHost.Create(
            o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123",
            (b, _) => b.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => new NeverAnswers()));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var ex = Assert.CatchAsync<OperationCanceledException>(() => Api(host).GetAsync("orders", "/slow", cancellationToken: cancellation.Token));

        Assert.That(ex!.Message, Does.Not.Contain("timed out"));
    }

    /// <summary>A primary handler that answers only cancellation.</summary>
    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }

    [Test]
    public void GetAsync_UnknownApiName_ThrowsConfigurationErrorListingEndpoints()
    {
        using var host = NewHost();

        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => Api(host).GetAsync("ordres", "/x"));

        Assert.That(ex!.Message, Does.Contain("'ordres'").And.Contain("orders"));
    }

    [Test]
    public void GetAsync_PathThatIsNotAUri_ThrowsArgumentExceptionNamingIt()
    {
        using var host = NewHost();

        var ex = Assert.ThrowsAsync<ArgumentException>(() => Api(host).GetAsync("orders", "http://["));

        Assert.That(ex!.Message, Does.Contain("http://["));
    }

    [Test]
    public void GetAsync_ContentHeaderWithoutBody_ThrowsArgumentExceptionNamingHeaderAndEndpointAndSendsNothing()
    {
        using var host = NewHost();
        var options = new AmplifyRequestOptions();
        options.Headers["Content-Language"] = "de";

        var ex = Assert.ThrowsAsync<ArgumentException>(() => Api(host).GetAsync("orders", "/x", options));

        Assert.That(ex!.ParamName, Is.EqualTo("options"));
        Assert.That(ex.Message, Does.Contain("'Content-Language'").And.Contain("GET").And.Contain("'orders'").And.Contain("needs a body"));
    }

    [Test]
    public async Task PostAsync_ContentHeaderWithBody_IsSentOnTheContent()
    {
        using var host = NewHost();
        string? language = null;
        host.Mock.Expect(HttpMethod.Post, Stage + "/x")
            .With(r => (language = string.Join(",", r.Content!.Headers.ContentLanguage)) == "de")
            .Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions { Body = AmplifyRestBody.FromString("hallo") };
        options.Headers["Content-Language"] = "de";

        using var response = await Api(host).PostAsync("orders", "/x", options);

        Assert.That(language, Is.EqualTo("de"));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_OptionsWithoutBody_SendsNoContentAndTheHeaderOnce()
    {
        using var host = NewHost();
        HttpContent? content = new StringContent("not sent");
        string[]? trace = null;
        host.Mock.Expect(HttpMethod.Get, Stage + "/x")
            .With(r =>
            {
                content = r.Content;
                trace = [.. r.Headers.GetValues("x-trace")];
                return true;
            })
            .Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.Headers["X-Trace"] = "first";
        options.Headers["x-trace"] = "second";

        using var response = await Api(host).GetAsync("orders", "/x", options);

        Assert.That(options.Headers, Has.Count.EqualTo(1), "the default dictionary ignores case, as HTTP does");
        Assert.That(options.Body, Is.Null);
        Assert.That(content, Is.Null);
        Assert.That(trace, Is.EqualTo(new[] { "second" }));
    }

    [TestCase("https://abc123.execute-api.us-west-2.amazonaws.com/other/x?a=1", "https://abc123.execute-api.us-west-2.amazonaws.com/other/x?a=1&b=2")]
    [TestCase("https://abc123.execute-api.us-west-2.amazonaws.com/other/x?", "https://abc123.execute-api.us-west-2.amazonaws.com/other/x?b=2")]
    [TestCase("https://abc123.execute-api.us-west-2.amazonaws.com/other/x?a=1&", "https://abc123.execute-api.us-west-2.amazonaws.com/other/x?a=1&b=2")]
    [TestCase("https://abc123.execute-api.us-west-2.amazonaws.com/other/x", "https://abc123.execute-api.us-west-2.amazonaws.com/other/x?b=2")]
    public async Task GetAsync_AbsoluteUriOnTheEndpointsOrigin_GoesWhereItSaysWithTheQueryAppended(string path, string expected)
    {
        using var host = NewHost();
        string? sent = null;
        host.Mock.Expect("*")
            .With(r => (sent = r.RequestUri!.AbsoluteUri) == expected)
            .WithHeaders("x-api-key", "key-123")
            .Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.QueryParameters.Add(new("b", "2"));

        using var response = await Api(host).GetAsync("orders", path, options);

        Assert.That(sent, Is.EqualTo(expected), "not moved under the stage /dev");
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_AbsoluteUriWithoutQueryParameters_IsSentUnchanged()
    {
        using var host = NewHost();
        const string Uri = "https://abc123.execute-api.us-west-2.amazonaws.com/other/x?a=1";
        host.Mock.Expect(Uri).With(r => r.RequestUri!.AbsoluteUri == Uri).Respond(HttpStatusCode.OK);

        using var response = await Api(host).GetAsync("orders", Uri, new AmplifyRequestOptions());

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_QueryParameterWithNullValue_IsSentWithAnEmptyValue()
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/search").With(r => r.RequestUri!.Query == "?flag=&q=%2F").Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.QueryParameters.Add(new("flag", null!));
        options.QueryParameters.Add(new("q", "/"));

        using var response = await Api(host).GetAsync("orders", "search", options);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void GetAsync_AbsoluteUriOnAnotherOrigin_ThrowsCrossOriginNamingBothOriginsButNoUserInfoAndSendsNothing()
    {
        using var host = NewHost();
        var anywhere = host.Mock.When("*").Respond(HttpStatusCode.OK);

        var ex = Assert.ThrowsAsync<AmplifyCrossOriginRequestException>(() => Api(host).GetAsync("orders", "https://admin:pa55-w0rd@127.0.0.1:8443/x?token=s3cr3t"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.EndpointName, Is.EqualTo("orders"));
            Assert.That(ex.EndpointOrigin, Is.EqualTo("https://abc123.execute-api.us-west-2.amazonaws.com"));
            Assert.That(ex.RequestOrigin, Is.EqualTo("https://127.0.0.1:8443"));
            Assert.That(ex.Message, Does.Contain("'orders'").And.Contain("https://127.0.0.1:8443").And.Contain("AllowCrossOriginRequests"));
            Assert.That(ex.ToString(), Does.Not.Contain("pa55-w0rd").And.Not.Contain("s3cr3t").And.Not.Contain("key-123"));
            Assert.That(host.Mock.GetMatchCount(anywhere), Is.Zero);
        });
    }

    [Test]
    public void SendAsync_MissingArguments_ThrowNamingTheParameter()
    {
        using var host = NewHost();
        var api = Api(host);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.ThrowsAsync<ArgumentNullException>(() => api.SendAsync(null!, "orders", "/x"))!.ParamName, Is.EqualTo("method"));
            Assert.That(Assert.ThrowsAsync<ArgumentNullException>(() => api.SendAsync(HttpMethod.Get, null!, "/x"))!.ParamName, Is.EqualTo("apiName"));
            Assert.That(Assert.ThrowsAsync<ArgumentException>(() => api.SendAsync(HttpMethod.Get, " ", "/x"))!.ParamName, Is.EqualTo("apiName"));
            Assert.That(Assert.ThrowsAsync<ArgumentNullException>(() => api.SendAsync(HttpMethod.Get, "orders", null!))!.ParamName, Is.EqualTo("path"));
        });
    }

    [TestCase("text/plain; charset=iso-8859-1", "caf\u00e9")]
    [TestCase("text/plain; charset=\"iso-8859-1\"", "caf\u00e9")]
    [TestCase("text/plain; charset=no-such-charset", "caf\ufffd")]
    [TestCase("text/plain", "caf\ufffd")]
    public void GetAsync_ErrorBodyInACharset_IsDecodedWithItOrAsUtf8(string contentType, string expected)
    {
        using var host = NewHost();
        host.Mock.Expect(HttpMethod.Get, Stage + "/x").Respond(_ =>
        {
            var content = new ByteArrayContent([(byte)'c', (byte)'a', (byte)'f', 0xE9]);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = content };
        });

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => Api(host).GetAsync("orders", "/x"));

        Assert.That(ex!.Body, Is.EqualTo(expected));
    }

    [Test]
    public async Task GetAsync_Success_ContentIsBufferedBeforeItReturns()
    {
        using var host = NewHost();
        var inner = new StringContent("[1,2]");
        var tracked = new TrackingContent(inner);
        host.Mock.Expect(HttpMethod.Get, Stage + "/x").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = tracked });

        using var response = await Api(host).GetAsync("orders", "/x");
        inner.Dispose();

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("[1,2]"), "read from the buffer, not the (now disposed) source");
    }

    [Test]
    public void GetAsync_SuccessLargerThanTheClientsBuffer_ThrowsAndDisposesTheResponse()
    {
        using var host = AmplifyTestHost.Create(
            o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123",
            (b, _) => b.Endpoint("orders").ConfigureHttpClient(c => c.MaxResponseContentBufferSize = 4));
        var tracked = new TrackingContent(new StringContent("0123456789"));
        host.Mock.Expect(HttpMethod.Get, Stage + "/x").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = tracked });

        Assert.ThrowsAsync<HttpRequestException>(() => Api(host).GetAsync("orders", "/x"));

        Assert.That(tracked.Disposed, Is.True);
    }

    public sealed record Item(string Name, int Count);

    [Test]
    public async Task GetAsync_PathWithFragment_QueryParametersGoBeforeIt()
    {
        using var host = NewHost();
        string? sent = null;
        host.Mock.Expect(HttpMethod.Get, "*")
            .With(r => (sent = r.RequestUri!.GetLeftPart(UriPartial.Query)) == Stage + "/search?a=1&q=x")
            .Respond(HttpStatusCode.OK);
        var options = new AmplifyRequestOptions();
        options.QueryParameters.Add(new("q", "x"));

        using var response = await Api(host).GetAsync("orders", "/search?a=1#section", options);

        Assert.That(sent, Is.EqualTo(Stage + "/search?a=1&q=x"));

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void GetAsync_EndlessErrorBody_ReadsOnlyTheCap()
    {
        using var host = NewHost();
        var body = new EndlessStream();
        host.Mock.Expect(HttpMethod.Get, Stage + "/items")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StreamContent(body) });

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => Api(host).GetAsync("orders", "/items"));

        Assert.That(ex!.Body, Is.EqualTo(new string('x', AmplifyRestApi.MaxErrorBodyChars)));
        // Read as far as the reader's buffers need, never the whole (endless) body.
        Assert.That(body.BytesRead, Is.LessThan(1024 * 1024));
    }

    /// <summary>An error body that never ends: buffering it whole would never finish.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AmplifyRestApiTests.Item))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
