using System.Net;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

        var missing = _logger.Collector.GetSnapshot().Where(r => r.Id.Id == 3004).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("'ordersApi'").And.Contain("AWS_IAM").And.Contain("credentials"));
            Assert.That(error.Message, Does.Contain("Put the credentials handler ahead of the signing handler").And.Contain("credentials source"));
            Assert.That(missing, Has.Count.EqualTo(1));
            Assert.That(missing[0].Level, Is.EqualTo(LogLevel.Error));
            Assert.That(missing[0].GetStructuredStateValue("EndpointName"), Is.EqualTo(Endpoint));
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
        Assert.That(clock.UtcNowFor(new Uri(Url)), Is.EqualTo(serverTime));
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

    [Test]
    public async Task SendAsync_SkewLearnedFromOneOrigin_LeavesAnotherOriginsSigningTimeAlone()
    {
        // Same host, two ports: two origins. Only the one that refused the signing time moves.
        const string OtherOrigin = "https://abc123.execute-api.eu-west-1.amazonaws.com:8443/prod/orders";
        var serverTime = _time.GetUtcNow().AddMinutes(20);
        var dates = new List<(string Url, string Date)>();
        _mockHttp.When(Url).Respond(request =>
        {
            var date = request.Headers.GetValues("X-Amz-Date").Single();
            dates.Add((request.RequestUri!.ToString(), date));
            return date == AmzDate(serverTime) ? new HttpResponseMessage(HttpStatusCode.OK) : SkewError(serverTime);
        });
        _mockHttp.When(OtherOrigin).Respond(request =>
        {
            dates.Add((request.RequestUri!.ToString(), request.Headers.GetValues("X-Amz-Date").Single()));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var clock = new AwsClockSkew(_time);
        using var invoker = new HttpMessageInvoker(CreateHandler(clock));

        using var request = RequestWithCredentials();
        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();
        using var other = RequestWithCredentials(url: OtherOrigin);
        (await invoker.SendAsync(other, CancellationToken.None)).Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(dates.Select(d => d.Date), Is.EqualTo(new[] { "20261126T050000Z", AmzDate(serverTime), "20261126T050000Z" }));
            Assert.That(clock.OffsetFor(new Uri(OtherOrigin)), Is.EqualTo(TimeSpan.Zero));
            Assert.That(clock.OffsetFor(new Uri(Url)), Is.EqualTo(TimeSpan.FromMinutes(20)));
        });
    }

    [Test]
    public async Task SendAsync_SkewBeyondOneDay_IgnoredNotRetriedAndWarnedOncePerOrigin()
    {
        var serverTime = _time.GetUtcNow().AddDays(365);
        var attempts = 0;
        _mockHttp.When(HttpMethod.Post, Url).Respond(_ =>
        {
            attempts++;
            return SkewError(serverTime);
        });
        var clock = new AwsClockSkew(_time);
        using var invoker = new HttpMessageInvoker(CreateHandler(clock));

        var warnedAfter = new List<int>();
        for (var i = 0; i < 2; i++)
        {
            using var request = RequestWithCredentials(HttpMethod.Post);
            request.Content = new StringContent("{}");
            using var response = await invoker.SendAsync(request, CancellationToken.None);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            warnedAfter.Add(_logger.Collector.GetSnapshot().Count(r => r.Id.Id == 3020));
        }

        var ignored = _logger.Collector.GetSnapshot().Where(r => r.Id.Id == 3020).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(2), "one attempt per request: a year off is no clock AWS has");
            Assert.That(clock.OffsetFor(new Uri(Url)), Is.EqualTo(TimeSpan.Zero));
            Assert.That(ignored, Has.Count.EqualTo(1));
            Assert.That(warnedAfter, Is.EqualTo(new[] { 1, 1 }), "warned on the first refusal, not a later one");
            Assert.That(ignored[0].Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(ignored[0].Message, Does.Contain("ordersApi").And.Contain("https://abc123.execute-api.eu-west-1.amazonaws.com:443"));
        });
    }

    [Test]
    public async Task SendAsync_BodyMentionsSkewWithoutErrorType_PostSentOnceAndClockUnchanged()
    {
        var attempts = 0;
        _mockHttp.When(HttpMethod.Post, Url).Respond(_ =>
        {
            attempts++;
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("{\"message\":\"Signature expired: 20261126T050000Z is now earlier than 20261126T051500Z (20261126T052000Z - 5 min.)\"}"),
            };
            response.Headers.Date = _time.GetUtcNow().AddMinutes(20);
            return response;
        });
        var clock = new AwsClockSkew(_time);
        using var invoker = new HttpMessageInvoker(CreateHandler(clock));
        using var request = RequestWithCredentials(HttpMethod.Post);
        request.Content = new StringContent("{\"order\":1}");

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(attempts, Is.EqualTo(1), "a backend's 403 that mentions the words is not API Gateway's skew error");
            Assert.That(clock.OffsetFor(new Uri(Url)), Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public async Task SendAsync_SignatureErrorTypeWithoutSkewMessage_NotRetriedAndBodyComplete()
    {
        const string Message = "{\"message\":\"The request signature we calculated does not match the signature you provided.\"}";
        var attempts = 0;
        _mockHttp.When(HttpMethod.Get, Url).Respond(_ =>
        {
            attempts++;
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(Message + new string(' ', 10_000)) };
            response.Headers.Date = _time.GetUtcNow().AddMinutes(20);
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");
            return response;
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.That(attempts, Is.EqualTo(1));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Message + new string(' ', 10_000)), "the peeked prefix is replayed before the rest");
    }

    [Test]
    public async Task SendAsync_HugeForbiddenBodyWithSignatureErrorType_ReadsAtMostThePeekAndLeavesTheRestStreamable()
    {
        const long Huge = 64L * 1024 * 1024;
        var body = new CountingStream(Huge, "{\"message\":\"Forbidden\"}"u8.ToArray());
        _mockHttp.When(HttpMethod.Get, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StreamedResponseContent(body) };
            response.Headers.Date = _time.GetUtcNow();
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");
            return response;
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        using var response = await invoker.SendAsync(request, CancellationToken.None);
        var readByLibrary = body.BytesRead;
        using var stream = await response.Content.ReadAsStreamAsync();
        var first = new byte[3 * ClockSkewResponse.MaxPeekBytes];
        await stream.ReadExactlyAsync(first);

        Assert.Multiple(() =>
        {
            Assert.That(readByLibrary, Is.LessThanOrEqualTo(ClockSkewResponse.MaxPeekBytes));
            Assert.That(first, Is.EqualTo(Enumerable.Range(0, first.Length).Select(i => body.ByteAt(i)).ToArray()), "the caller reads the body from its first byte, streamed");
            Assert.That(body.BytesRead, Is.LessThan(Huge));
        });
    }

    [Test]
    public async Task SendAsync_ForbiddenWithoutSignatureErrorType_BodyNotReadByTheLibrary()
    {
        var body = new CountingStream(1024 * 1024);
        _mockHttp.When(HttpMethod.Get, Url).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StreamedResponseContent(body) };
            response.Headers.Date = _time.GetUtcNow().AddMinutes(20);
            return response;
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.That(body.BytesRead, Is.Zero);
    }

    [Test]
    public void SendAsync_OneShotBodyOverTheEndpointLimit_ThrowsNamingEndpointAndLimitReadsLittleAndSendsNothing()
    {
        const long Limit = 1024 * 1024;
        var body = new CountingStream(64L * 1024 * 1024);
        using var invoker = new HttpMessageInvoker(CreateHandler(maxBufferedRequestBodyBytes: Limit));
        using var request = RequestWithCredentials(HttpMethod.Post);
        request.Content = new StreamContent(body);

        var error = Assert.ThrowsAsync<AmplifyRequestBodyTooLargeException>(async () => await invoker.SendAsync(request, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(error!.EndpointName, Is.EqualTo(Endpoint));
            Assert.That(error.Limit, Is.EqualTo(Limit));
            Assert.That(_logger.Collector.GetSnapshot().Where(r => r.Id.Id == 3021).Select(r => (r.Level, r.GetStructuredStateValue("Limit"))), Is.EqualTo(new[] { (LogLevel.Error, "1048576") }));
            Assert.That(error.Message, Does.Contain("'ordersApi'").And.Contain("1,048,576").And.Contain("MaxBufferedRequestBodyBytes").And.Contain("Endpoints:ordersApi:MaxBufferedRequestBodyBytes"));
            Assert.That(body.BytesRead, Is.LessThanOrEqualTo(Limit + (128 * 1024)), "reading stops at the limit (plus one copy buffer)");
            Assert.That(body.Disposed, Is.False, "the caller's content is not the library's to dispose");
            Assert.That(_mockHttp.GetMatchCount(_mockHttp.Fallback), Is.Zero);
        });
    }

    [Test]
    public void SendAsync_DeclaredLengthOverTheLimit_RefusedBeforeReadingTheBody()
    {
        var body = new CountingStream(4096);
        using var invoker = new HttpMessageInvoker(CreateHandler(maxBufferedRequestBodyBytes: 1000));
        using var request = RequestWithCredentials(HttpMethod.Put);
        request.Content = new StreamContent(body);
        request.Content.Headers.ContentLength = 4096;

        Assert.ThrowsAsync<AmplifyRequestBodyTooLargeException>(async () => await invoker.SendAsync(request, CancellationToken.None));
        Assert.That(body.BytesRead, Is.Zero);
    }

    [Test]
    public async Task SendAsync_OneShotBodyWithinTheLimit_SentWholeAndTheCallersContentNotDisposed()
    {
        var bytes = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        var stream = new ForwardOnlyStream(bytes);
        byte[]? sent = null;
        _mockHttp.When(HttpMethod.Post, Url).Respond(async request =>
        {
            sent = await request.Content!.ReadAsByteArrayAsync();
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = new HttpMessageInvoker(CreateHandler(maxBufferedRequestBodyBytes: 5000));
        using var request = RequestWithCredentials(HttpMethod.Post);
        using var original = new TrackingContent(new StreamContent(stream));
        request.Content = original;

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sent, Is.EqualTo(bytes));
            Assert.That(original.Disposed, Is.False, "the caller created it; the caller disposes it");
        });
    }

    [Test]
    public void CreateClient_LimitFromConfiguration_RefusesALargerOneShotBodyNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:ordersApi:Endpoint"] = "https://abc123.execute-api.eu-west-1.amazonaws.com/prod",
            ["Amplify:Endpoints:ordersApi:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Endpoints:ordersApi:MaxBufferedRequestBodyBytes"] = "100",
            ["Amplify:Credentials:AccessKeyId"] = "AKIDEXAMPLE",
            ["Amplify:Credentials:SecretAccessKey"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        }).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"))
            .Endpoint(Endpoint).ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(Endpoint);

        var error = Assert.ThrowsAsync<AmplifyRequestBodyTooLargeException>(() => client.PostAsync(new Uri("orders", UriKind.Relative), new StreamContent(new CountingStream(1000))));

        Assert.That(error!.Message, Does.Contain("'ordersApi'").And.Contain("100 bytes").And.Contain("Endpoints:ordersApi:MaxBufferedRequestBodyBytes"));
        Assert.That(_mockHttp.GetMatchCount(_mockHttp.Fallback), Is.Zero);
    }

    [Test]
    public void Constructor_MissingArgument_ThrowsNamingTheParameter()
    {
        var signer = new AwsSigV4Signer(_time);
        var clock = new AwsClockSkew(_time);

        Assert.Multiple(() =>
        {
            Assert.That(() => new SigV4SigningHandler("", "eu-west-1", signer, clock, _logger), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("endpointName"));
            Assert.That(() => new SigV4SigningHandler(Endpoint, "", signer, clock, _logger), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("region"));
            Assert.That(() => new SigV4SigningHandler(Endpoint, "eu-west-1", null!, clock, _logger), Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("signer"));
            Assert.That(() => new SigV4SigningHandler(Endpoint, "eu-west-1", signer, null!, _logger), Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("clock"));
            Assert.That(() => new SigV4SigningHandler(Endpoint, "eu-west-1", signer, clock, null!), Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("logger"));
        });
    }

    [Test]
    public void SendAsync_NullRequest_ThrowsArgumentNullNamingTheRequest()
    {
        using var handler = CreateHandler();

        var error = Assert.ThrowsAsync<ArgumentNullException>(() => ProtectedSend.SendAsync(handler, null));

        Assert.That(error!.ParamName, Is.EqualTo("request"));
    }

    [Test]
    public async Task SendAsync_Signed_LogsSigningAndStatusAndMarksTheSigningSpan()
    {
        _mockHttp.When(HttpMethod.Put, Url).Respond(HttpStatusCode.Accepted);
        using var telemetry = new TelemetryCapture();
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials(HttpMethod.Put);

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var records = _logger.Collector.GetSnapshot();
        var signed = records.Where(r => r.Id.Id == 3001).ToList();
        var answered = records.Where(r => r.Id.Id == 3002).ToList();
        var spans = telemetry.Spans(AmplifyTelemetry.SigningSpan, Endpoint);
        Assert.Multiple(() =>
        {
            Assert.That(signed, Has.Count.EqualTo(1));
            Assert.That(signed[0].Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(signed[0].GetStructuredStateValue("EndpointName"), Is.EqualTo(Endpoint));
            Assert.That(signed[0].GetStructuredStateValue("Method"), Is.EqualTo("PUT"));
            Assert.That(signed[0].GetStructuredStateValue("Region"), Is.EqualTo("eu-west-1"));
            Assert.That(answered, Has.Count.EqualTo(1));
            Assert.That(answered[0].Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(answered[0].GetStructuredStateValue("StatusCode"), Is.EqualTo("202"));
            Assert.That(records.Any(r => r.Id.Id == 3003), Is.False, "a 202 is no refusal");
            Assert.That(spans, Has.Count.EqualTo(1));
            Assert.That(spans[0].GetTagItem(AmplifyTelemetry.AuthModeTag), Is.EqualTo("AWS_IAM"));
            Assert.That(spans[0].GetTagItem(AmplifyTelemetry.OutcomeTag), Is.EqualTo(AmplifyTelemetry.Success));
        });
    }

    [Test]
    public void Send_Synchronously_MessageNamesTheEndpointAndSendAsync()
    {
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();

        var error = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("'ordersApi'").And.Contain("use SendAsync"));
    }

    [Test]
    public async Task SendAsync_SkewCorrected_LogsCountsTheRetryAndDisposesTheRefusal()
    {
        var serverTime = _time.GetUtcNow().AddMinutes(20);
        var refusals = new List<TrackingContent>();
        _mockHttp.When(HttpMethod.Get, Url).Respond(request =>
        {
            if (request.Headers.GetValues("X-Amz-Date").Single() == AmzDate(serverTime))
            {
                return new HttpResponseMessage(HttpStatusCode.OK);
            }

            var refusal = SkewError(serverTime);
            var tracked = new TrackingContent(refusal.Content);
            refusal.Content = tracked;
            refusals.Add(tracked);
            return refusal;
        });
        using var telemetry = new TelemetryCapture();
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        var corrected = _logger.Collector.GetSnapshot().Where(r => r.Id.Id == 3106).ToList();
        var corrections = telemetry.Counts(AmplifyTelemetry.ClockSkewCorrectionsInstrument, AmplifyTelemetry.HostTag, "abc123.execute-api.eu-west-1.amazonaws.com");
        var retries = telemetry.Counts(AmplifyTelemetry.RetriesInstrument, AmplifyTelemetry.EndpointTag, Endpoint);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refusals, Has.Count.EqualTo(1));
            Assert.That(refusals[0].Disposed, Is.True, "the refused answer is the library's to dispose");
            Assert.That(corrected, Has.Count.EqualTo(1));
            Assert.That(corrected[0].Level, Is.EqualTo(LogLevel.Information));
            Assert.That(corrected[0].GetStructuredStateValue("Host"), Is.EqualTo("https://abc123.execute-api.eu-west-1.amazonaws.com:443"));
            Assert.That(corrected[0].GetStructuredStateValue("Offset"), Is.EqualTo(TimeSpan.FromMinutes(20).ToString()));
            Assert.That(corrections, Has.Count.EqualTo(1));
            Assert.That(retries, Has.Count.EqualTo(1));
            Assert.That(retries[0][AmplifyTelemetry.AttemptTag], Is.EqualTo(2));
            Assert.That(retries[0][AmplifyTelemetry.RetryReasonTag], Is.EqualTo("clock_skew"));
            Assert.That(retries[0][AmplifyTelemetry.ErrorTypeTag], Is.EqualTo("403"));
        });
    }

    [Test]
    public void SendAsync_SkewErrorBodyFailsToRead_DisposesTheResponseAndThrows()
    {
        var content = new UnreadableContent();
        _mockHttp.When(HttpMethod.Get, Url).Respond(_ =>
        {
            var response = SkewError(_time.GetUtcNow().AddMinutes(20));
            response.Content = content;
            return response;
        });
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using var request = RequestWithCredentials();

        Assert.ThrowsAsync<IOException>(async () => await invoker.SendAsync(request, CancellationToken.None));

        Assert.That(content.Disposed, Is.True, "the caller never gets the response, so the handler disposes it");
    }

    [Test]
    public void SendAsync_CanceledBeforeSigning_StaleSignatureHeadersAlreadyRemoved()
    {
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();
        request.Headers.TryAddWithoutValidation("Authorization", "stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", "stale");
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await invoker.SendAsync(request, canceled.Token));

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.Contains("Authorization"), Is.False, "a former attempt's signature does not outlive a new attempt");
            Assert.That(request.Headers.Contains("X-Amz-Date"), Is.False);
            Assert.That(request.Headers.Contains("X-Amz-Security-Token"), Is.False);
            Assert.That(_mockHttp.GetMatchCount(_mockHttp.Fallback), Is.Zero);
        });
    }

    [Test]
    public async Task SendAsync_EarlierAttemptsSignatureFinding_ForgottenWhenSignedAgain()
    {
        _mockHttp.When(HttpMethod.Get, Url).Respond(HttpStatusCode.OK);
        using var invoker = new HttpMessageInvoker(CreateHandler());
        using HttpRequestMessage request = RequestWithCredentials();
        request.Options.Set(new HttpRequestOptionsKey<string>("AmplifyAuthHandlers.SignatureFirstDifference"), "canonical request line 2 (an earlier attempt)");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(SignatureMismatchDiagnosis.FirstDifference(request), Is.Null);
    }

    private static string AmzDate(DateTimeOffset time) => time.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>API Gateway's answer to a signature outside its window (LocalApiGateway answers the same).</summary>
    private static HttpResponseMessage SkewError(DateTimeOffset serverTime)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent("{\"message\":\"Signature expired: 20261126T050000Z is now earlier than 20261126T051500Z (20261126T052000Z - 5 min.)\"}"),
        };
        response.Headers.Date = serverTime;
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");
        return response;
    }

    private SigV4SigningHandler CreateHandler(AwsClockSkew? clock = null, long maxBufferedRequestBodyBytes = 10_485_760) =>
        new(Endpoint, "eu-west-1", new AwsSigV4Signer(_time), clock ?? new AwsClockSkew(_time), _logger, maxBufferedRequestBodyBytes) { InnerHandler = _mockHttp };

    private static HttpRequestMessage RequestWithCredentials(HttpMethod? method = null, string url = Url)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, url);
        request.Options.Set(AmplifyRequestOptionKeys.Credentials, Credentials);
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = true });
        return request;
    }

    /// <summary>A response body whose stream cannot be opened (a connection that broke after the headers); records its disposal.</summary>
    private sealed class UnreadableContent : HttpContent
    {
        public bool Disposed { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => throw new IOException("The connection broke.");

        protected override Task<Stream> CreateContentReadStreamAsync() => throw new IOException("The connection broke.");

        protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => throw new IOException("The connection broke.");

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
