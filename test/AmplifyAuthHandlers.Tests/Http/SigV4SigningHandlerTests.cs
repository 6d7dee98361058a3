using System.Net;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

[TestFixture]
public sealed class SigV4SigningHandlerTests
{
    private const string Endpoint = "ordersApi";
    private const string Url = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders";
    private static readonly AwsCredentials Credentials = new("ASIAEXAMPLE", "secret-access-key-value", "session-token-value");

    private FakeTimeProvider _time = null!;
    private MockHttpMessageHandler _mockHttp = null!;
    private FakeLogger<SigV4SigningHandler> _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 5, 0, 0, TimeSpan.Zero));
        _mockHttp = new MockHttpMessageHandler();
        _mockHttp.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        _logger = new FakeLogger<SigV4SigningHandler>();
    }

    [TearDown]
    public void TearDown() => _mockHttp.Dispose();

    [Test]
    public async Task SendAsync_CredentialsInOptions_SendsRequestSignedForExecuteApi()
    {
        _mockHttp.Expect(HttpMethod.Get, Url)
            .With(r => r.Headers.GetValues("Authorization").Single().StartsWith("AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261126/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=", StringComparison.Ordinal))
            .WithHeaders("X-Amz-Date", "20261126T050000Z")
            .WithHeaders("X-Amz-Security-Token", "session-token-value")
            .Respond(HttpStatusCode.OK);
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();

        using HttpResponseMessage response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_NoCredentialsInOptions_ThrowsNamingTheEndpointAndSendsNothing()
    {
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });

        var error = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(async () => await invoker.SendAsync(request, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("'ordersApi'").And.Contain("AWS_IAM").And.Contain("credentials"));
            Assert.That(_mockHttp.GetMatchCount(_mockHttp.Fallback), Is.Zero);
            Assert.That(request.Headers.Contains("Authorization"), Is.False);
        });
    }

    [Test]
    public async Task SendAsync_RetriedRequest_ReplacesSignatureHeaders()
    {
        var seen = new List<(string Date, int AuthorizationCount)>();
        _mockHttp.When(HttpMethod.Post, Url).Respond(request =>
        {
            seen.Add((request.Headers.GetValues("X-Amz-Date").Single(), request.Headers.GetValues("Authorization").Count()));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials(HttpMethod.Post);
        request.Content = new StringContent("{}");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(seen, Is.EqualTo(new[] { ("20261126T050000Z", 1), ("20261126T050100Z", 1) }));
    }

    [Test]
    public async Task SendAsync_StaleSignatureHeaders_RemovedBeforeSigning()
    {
        _mockHttp.Expect(HttpMethod.Get, Url)
            .With(r => !r.Headers.Contains("X-Amz-Content-Sha256")
                && r.Headers.GetValues("X-Amz-Security-Token").Single() == "session-token-value"
                && !r.Headers.GetValues("Authorization").Single().Contains("stale", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK);
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();
        request.Headers.TryAddWithoutValidation("Authorization", "stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", "stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", "stale");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void Send_Synchronously_ThrowsNotSupported()
    {
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();

        Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));
    }

    [Test]
    public async Task SendAsync_Logs_EndpointAndStatusButNoSecrets()
    {
        _mockHttp.When(HttpMethod.Get, Url).Respond(HttpStatusCode.Forbidden);
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        string signature = request.Headers.GetValues("Authorization").Single().Split("Signature=")[1];

        IReadOnlyList<FakeLogRecord> records = _logger.Collector.GetSnapshot();
        string all = string.Join('\n', records.Select(r => r.Message + " " + string.Join(',', r.StructuredState?.Select(kv => kv.Value) ?? [])));
        Assert.Multiple(() =>
        {
            Assert.That(records.Any(r => r.Level == LogLevel.Warning && r.Message.Contains("ordersApi", StringComparison.Ordinal) && r.Message.Contains("403", StringComparison.Ordinal)), Is.True, all);
            Assert.That(all, Does.Not.Contain("secret-access-key-value"));
            Assert.That(all, Does.Not.Contain("session-token-value"));
            Assert.That(all, Does.Not.Contain(signature));
        });
    }

    [Test]
    public async Task SendAsync_RequestWithoutAutomaticAuth_PassesUnsignedAndUntouched()
    {
        _mockHttp.Expect(HttpMethod.Get, Url).With(r => r.Headers.Authorization!.ToString() == "Custom caller-token" && !r.Headers.Contains("X-Amz-Date")).Respond(HttpStatusCode.OK);
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, Url);
        request.Headers.TryAddWithoutValidation("Authorization", "Custom caller-token");
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(callerSetAuthorization: true, false) { IsEndpointOrigin = true });

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase(20)]
    [TestCase(-20)]
    public async Task SendAsync_SkewedClock_LearnsOffsetResignsAndRetriesOnce(int serverAheadMinutes)
    {
        var serverTime = _time.GetUtcNow().AddMinutes(serverAheadMinutes);
        var dates = new List<string>();
        _mockHttp.When(HttpMethod.Post, Url).Respond(request =>
        {
            var date = request.Headers.GetValues("X-Amz-Date").Single();
            dates.Add(date);
            var body = request.Content!.ReadAsStringAsync().Result;
            Assert.That(body, Is.EqualTo("{\"n\":1}"), "the retry carries the same body");
            var skewed = date != serverTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            var response = new HttpResponseMessage(skewed ? HttpStatusCode.Forbidden : HttpStatusCode.OK)
            {
                Content = new StringContent(skewed ? "{\"message\":\"Signature expired: 20261126T050000Z is now earlier than 20261126T051500Z (20261126T052000Z - 5 min.)\"}" : "ok"),
            };
            response.Headers.Date = serverTime;
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");
            return response;
        });
        var clock = new AwsClockSkew(_time);
        using var invoker = new HttpMessageInvoker(CreateHandler(clock));
        using var request = RequestWithCredentials(HttpMethod.Post);
        request.Content = new StringContent("{\"n\":1}");

        using var response = await invoker.SendAsync(request, CancellationToken.None);
        using var later = RequestWithCredentials(HttpMethod.Post);
        later.Content = new StringContent("{\"n\":1}");
        using var laterResponse = await invoker.SendAsync(later, CancellationToken.None);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(dates, Has.Count.EqualTo(3), "one refused attempt, one retry, and the next request signs with the corrected time at once");
        Assert.That(laterResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(clock.CorrectedUtcNow, Is.EqualTo(serverTime));
    }

    [Test]
    public async Task SendAsync_ForbiddenForOtherReasons_IsNotRetried()
    {
        var attempts = 0;
        _mockHttp.When(HttpMethod.Get, Url).Respond(_ =>
        {
            attempts++;
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("{\"message\":\"User is not authorized to access this resource\"}") };
            response.Headers.Date = _time.GetUtcNow().AddMinutes(30);
            return response;
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not authorized"), "the body stays readable");
    }

    private SigV4SigningHandler CreateHandler(AwsClockSkew? clock = null) =>
        new(Endpoint, "eu-west-1", new AwsSigV4Signer(_time), clock ?? new AwsClockSkew(_time), _logger) { InnerHandler = _mockHttp };

    private static HttpRequestMessage RequestWithCredentials(HttpMethod? method = null)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, Url);
        request.Options.Set(AmplifyRequestOptionKeys.Credentials, Credentials);
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });
        return request;
    }
}
