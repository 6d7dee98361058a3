using System.Net;
using System.Net.Http.Headers;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>The endpoints' own retries and timeouts, end to end through AddAmplifyRestApi and CreateClient, on a fake clock.</summary>
[TestFixture]
public sealed class EndpointResilienceHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string ItemsUri = Stage + "/items";

    private RetryDelayTimeProvider _time = null!;
    private MockHttpMessageHandler _mock = null!;
    private List<HttpRequestMessage> _sent = null!;
    private ServiceProvider? _provider;
    private HttpMessageHandler? _primary;
    private HangingHandler _hanging = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new RetryDelayTimeProvider();
        _mock = AmplifyTestHost.NewMock();
        _sent = [];
        _primary = null;
        _provider = null;
    }

    [TearDown]
    public void TearDown()
    {
        _provider?.Dispose();
        _mock.Dispose();
        _primary?.Dispose();
    }

    [Test]
    public async Task GetAsync_503ThenOk_RetriedWithFreshCredentialsAndSignature()
    {
        var credentials = new CountingCredentialsProvider();
        var client = Build(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.AwsIam), b => b.AddAwsCredentialsProvider(credentials));
        var dates = new List<string>();
        var signatures = new List<string>();
        var attempts = 0;
        _mock.When(HttpMethod.Get, ItemsUri).Respond(request =>
        {
            dates.Add(request.Headers.GetValues("X-Amz-Date").Single());
            signatures.Add(string.Join("|", request.Headers.GetValues("Authorization")));
            var response = new HttpResponseMessage(++attempts == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation("Retry-After", "2");
            return response;
        });

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(attempts, Is.EqualTo(2));
            Assert.That(_time.DelaysPassed, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }), "Retry-After: 2 honoured");
            Assert.That(dates[1], Is.Not.EqualTo(dates[0]), "the retry carries a fresh X-Amz-Date");
            Assert.That(signatures[1], Is.Not.EqualTo(signatures[0]), "the retry is signed afresh");
            Assert.That(signatures, Has.All.Not.Contain("|"), "exactly one Authorization per attempt");
            Assert.That(credentials.Calls, Is.EqualTo(2), "credentials are resolved for each attempt");
        });
    }

    [Test]
    public async Task GetAsync_TokenEndpoint503ThenOk_AsksTheTokenSourceAgain()
    {
        var calls = 0;
        var client = Build(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "key-1";
            endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-attempt", (++calls).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        });
        var seen = new List<string>();
        _mock.When(HttpMethod.Get, ItemsUri).Respond(request =>
        {
            seen.Add(request.Headers.GetValues("x-attempt").Single() + "/" + request.Headers.GetValues("x-api-key").Count());
            return new HttpResponseMessage(seen.Count == 1 ? HttpStatusCode.BadGateway : HttpStatusCode.OK);
        });

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen, Is.EqualTo(new[] { "1/1", "2/1" }), "each attempt runs the handlers below again; headers are not duplicated");
    }

    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.ServiceUnavailable)]
    [TestCase(HttpStatusCode.GatewayTimeout)]
    public async Task GetAsync_TransientStatusEveryTime_GivesUpAfterThreeAttemptsWithTheLastResponse(HttpStatusCode status)
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(status);

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(_sent, Has.Count.EqualTo(3), "AWS standard mode: three attempts in all");
        Assert.That(_time.DelaysPassed, Has.All.LessThanOrEqualTo(AwsStandardRetry.MaxBackoff));
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadRequest)]
    public async Task GetAsync_NonTransientStatus_NotRetried(HttpStatusCode status)
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(status);

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PostAsync_503_NotRetriedByDefault()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Post, ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _time.CompleteAsync(client.PostAsync(new Uri("items", UriKind.Relative), new StringContent("{}")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task PostAsync_503WithRetryNonIdempotent_RetriedWithTheSameBody()
    {
        var client = Build(ApiKeyEndpoint(resilience => resilience.RetryNonIdempotent = true));
        var bodies = new List<string>();
        _mock.When(HttpMethod.Post, ItemsUri).Respond(async request =>
        {
            bodies.Add(await request.Content!.ReadAsStringAsync());
            return new HttpResponseMessage(bodies.Count == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created);
        });

        using var response = await _time.CompleteAsync(client.PostAsync(new Uri("items", UriKind.Relative), new StringContent("""{"n":1}""")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(bodies, Is.EqualTo(new[] { """{"n":1}""", """{"n":1}""" }));
    }

    [Test]
    public async Task PutAsync_StreamBody503_NotRetriedBecauseTheBodyCannotBeSentAgain()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Put, ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await _time.CompleteAsync(client.PutAsync(new Uri("items", UriKind.Relative), body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_RetryAfterBeyondTheBound_ReturnsTheResponseWithoutWaiting()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation("Retry-After", "3600");
            return response;
        });

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sent, Has.Count.EqualTo(1));
        Assert.That(_time.DelaysPassed, Is.Empty);
        Assert.That(Logs().Select(r => r.Id.Id), Does.Contain(1502));
    }

    [Test]
    public async Task GetAsync_ResilienceDisabled_503ReturnedAfterOneAttempt()
    {
        var client = Build(ApiKeyEndpoint(resilience => resilience.Enabled = false));
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_NetworkErrorThenOk_Retried()
    {
        var client = Build(ApiKeyEndpoint());
        var attempts = 0;
        _mock.When(HttpMethod.Get, ItemsUri).Respond(_ => ++attempts == 1
            ? throw new HttpRequestException("connection reset", null, HttpStatusCode.ServiceUnavailable)
            : new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(Logs().Where(r => r.Id.Id == 1501).Select(r => r.Message), Has.Some.Contains("HttpRequestException"));
    }

    [Test]
    public async Task GetAsync_BackendHangsPastTheTotalTimeout_ThrowsTimeoutRejected()
    {
        _primary = _hanging = new HangingHandler();
        var client = Build(ApiKeyEndpoint(resilience =>
        {
            resilience.AttemptTimeout = TimeSpan.FromSeconds(30);
            resilience.TotalTimeout = TimeSpan.FromSeconds(40);
        }));
        var entered = _hanging.Entered;

        var call = client.GetAsync(new Uri("items", UriKind.Relative));
        Assert.That(await entered.WaitAsync(TimeSpan.FromSeconds(30)), Is.True);
        _time.Fake.Advance(TimeSpan.FromSeconds(30)); // the first attempt times out and is retried
        var retryDelay = _time.CompleteAsync(Task.Run(async () => { await entered.WaitAsync(); return true; }));
        Assert.That(await retryDelay, Is.True);
        _time.Fake.Advance(TimeSpan.FromSeconds(10)); // 40 s in all

        var ex = Assert.ThrowsAsync<TimeoutRejectedException>(async () => await call);
        Assert.That(ex!.Message, Is.EqualTo("The operation didn't complete within the allowed timeout of '00:00:40'."));
        Assert.That(ex.Timeout, Is.EqualTo(TimeSpan.FromSeconds(40)));
        Assert.That(Logs().Select(r => r.Id.Id), Does.Contain(1505).And.Contain(1506));
    }

    [Test]
    public void GetAsync_RetryAfterOutlastsTheTotalTimeout_GivesUpWhenTheTotalEnds()
    {
        var client = Build(ApiKeyEndpoint(resilience =>
        {
            resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            resilience.TotalTimeout = TimeSpan.FromSeconds(10);
        }));
        var attempts = 0;
        _mock.When(HttpMethod.Get, ItemsUri).Respond(_ =>
        {
            attempts++;
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.TryAddWithoutValidation("Retry-After", "15");
            return response;
        });
        var started = _time.GetUtcNow();

        var error = Assert.ThrowsAsync<TimeoutRejectedException>(() => _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative))));

        Assert.That(error!.Timeout, Is.EqualTo(TimeSpan.FromSeconds(10)), "the total timeout, not the attempt's");
        Assert.That(attempts, Is.EqualTo(1), "no attempt after the total ran out during the back-off");
        Assert.That(_time.GetUtcNow() - started, Is.EqualTo(TimeSpan.FromSeconds(10)), "given up when the total ends, not after the 15 s back-off");
        Assert.That(Logs().Select(r => r.Id.Id), Does.Contain(1506));
    }

    [Test]
    public async Task AddAmplifyRestApi_ResilienceKeysInConfiguration_AreBoundAndUsed()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
            ["Amplify:Endpoints:orders:ApiKey"] = "key-1",
            ["Amplify:Endpoints:orders:Resilience:Enabled"] = "true",
            ["Amplify:Endpoints:orders:Resilience:MaxRetryAttempts"] = "4",
            ["Amplify:Endpoints:orders:Resilience:RetryNonIdempotent"] = "true",
            ["Amplify:Endpoints:orders:Resilience:AttemptTimeout"] = "00:00:05",
            ["Amplify:Endpoints:orders:Resilience:TotalTimeout"] = "00:02:00",
        }).Build();
        var client = Build(configuration.GetSection("Amplify"));
        _mock.When(HttpMethod.Post, ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _time.CompleteAsync(client.PostAsync(new Uri("items", UriKind.Relative), new StringContent("{}")));

        var bound = _provider!.GetRequiredService<IOptionsMonitor<AmplifyRestApiOptions>>().CurrentValue.Endpoints["orders"].Resilience;
        Assert.Multiple(() =>
        {
            Assert.That(bound.MaxRetryAttempts, Is.EqualTo(4));
            Assert.That(bound.RetryNonIdempotent, Is.True);
            Assert.That(bound.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(bound.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(_sent, Has.Count.EqualTo(5), "a POST retried 4 times");
        });
    }

    [Test]
    public void AddAmplifyRestApi_ResilienceOffInConfiguration_IsBound()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "NONE",
            ["Amplify:Endpoints:orders:Resilience:Enabled"] = "false",
        }).Build();
        Build(configuration.GetSection("Amplify"));

        Assert.That(_provider!.GetRequiredService<IOptionsMonitor<AmplifyRestApiOptions>>().CurrentValue.Endpoints["orders"].Resilience.Enabled, Is.False);
    }

    [TestCase("MaxRetryAttempts", "lots", "is not a whole number")]
    [TestCase("MaxRetryAttempts", "11", "out of range")]
    [TestCase("Enabled", "yes", "is not true or false")]
    [TestCase("AttemptTimeout", "soon", "is not a time span")]
    [TestCase("TotalTimeout", "00:00:00", "out of range")]
    [TestCase("AttemptTimeout", "00:05:00", "longer than Resilience.TotalTimeout")]
    public void AddAmplifyRestApi_BadResilienceValue_FailsAtStartUpNamingTheKey(string key, string value, string problem)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "NONE",
            [$"Amplify:Endpoints:orders:Resilience:{key}"] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptionsMonitor<AmplifyRestApiOptions>>().CurrentValue);

        Assert.That(ex!.Message, Does.Contain("'orders'").And.Contain($"Amplify:Endpoints:orders:Resilience:{key}").And.Contain(problem));
    }

    [Test]
    public void CreateClient_OuterStandardResilienceHandler_WarnsOnceThatRetriesMultiply()
    {
        Build(ApiKeyEndpoint(), b => b.Endpoint("orders").AddStandardResilienceHandler());
        var factory = _provider!.GetRequiredService<IHttpMessageHandlerFactory>();

        factory.CreateHandler("orders").Dispose();
        factory.CreateHandler("orders").Dispose();

        Assert.That(Logs().Count(r => r.Id.Id == 1507), Is.EqualTo(1));
    }

    [Test]
    public void CreateClient_OuterStandardResilienceHandlerAndLibraryRetriesOff_DoesNotWarn()
    {
        Build(ApiKeyEndpoint(resilience => resilience.Enabled = false), b => b.Endpoint("orders").AddStandardResilienceHandler());

        _provider!.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("orders").Dispose();

        Assert.That(Logs().Select(r => r.Id.Id), Does.Not.Contain(1507));
    }

    [TestCase("GET", 3)]
    [TestCase("HEAD", 3)]
    [TestCase("OPTIONS", 3)]
    [TestCase("PUT", 3)]
    [TestCase("DELETE", 3)]
    [TestCase("TRACE", 3)]
    [TestCase("POST", 1)]
    [TestCase("PATCH", 1)]
    public async Task SendAsync_503EveryTime_RetriesOnlyIdempotentMethods(string method, int attempts)
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await _time.CompleteAsync(client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "items")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sent, Has.Count.EqualTo(attempts));
        if (attempts == 1)
        {
            var record = Logs().Single(r => r.Id.Id == 1503);
            Assert.That(record.Message, Does.Contain($"Endpoint orders: {method} ended with HTTP 503 and is not retried: the method is not idempotent"));
        }
        else
        {
            var retries = Logs().Where(r => r.Id.Id == 1501).Select(r => r.Message).ToList();
            Assert.That(retries, Has.Count.EqualTo(2));
            Assert.That(retries[0], Does.StartWith($"Endpoint orders: {method} attempt 1 ended with HTTP 503; retrying in "));
            Assert.That(retries[1], Does.StartWith($"Endpoint orders: {method} attempt 2 ended with HTTP 503; retrying in "));
        }
    }

    [Test]
    public async Task PutAsync_StreamBody503_LogsWhyItIsNotRetried()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Put, ItemsUri).With(Record).Respond(HttpStatusCode.ServiceUnavailable);
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await _time.CompleteAsync(client.PutAsync(new Uri("items", UriKind.Relative), body));

        Assert.That(Logs().Single(r => r.Id.Id == 1504).Message, Is.EqualTo("Endpoint orders: PUT ended with HTTP 503 and is not retried: its StreamContent body cannot be sent twice."));
    }

    [TestCase(20, 2)]
    [TestCase(21, 1)]
    public async Task GetAsync_RetryAfterAtAndBeyondTheBound_WaitsExactlyThatLongOrReturns(int seconds, int attempts)
    {
        var client = Build(ApiKeyEndpoint(resilience => resilience.MaxRetryAttempts = 1));
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
            return response;
        });

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(_sent, Has.Count.EqualTo(attempts));
        Assert.That(_time.DelaysPassed, attempts == 2 ? Is.EqualTo(new[] { TimeSpan.FromSeconds(seconds) }) : Is.Empty);
    }

    [Test]
    public async Task GetAsync_RetryAfterAsADate_WaitsUntilThen()
    {
        var client = Build(ApiKeyEndpoint(resilience => resilience.MaxRetryAttempts = 1));
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(7));
            return response;
        });

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(_sent, Has.Count.EqualTo(2));
        Assert.That(_time.DelaysPassed, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
    }

    [Test]
    public void DelayOf_NoRetryAfter_ThrottlingBacksOffFromItsLongerBase()
    {
        using var throttled = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var afterThrottling = EndpointRetryRules.DelayOf(throttled, 0, _time, () => 0.5);
        var afterUnavailable = EndpointRetryRules.DelayOf(unavailable, 0, _time, () => 0.5);
        var afterNetworkError = EndpointRetryRules.DelayOf(null, 0, _time, () => 0.5);

        Assert.Multiple(() =>
        {
            Assert.That(afterThrottling, Is.EqualTo(AwsStandardRetry.FullJitterDelay(0, throttled: true, 0.5)));
            Assert.That(afterUnavailable, Is.EqualTo(AwsStandardRetry.FullJitterDelay(0, throttled: false, 0.5)));
            Assert.That(afterNetworkError, Is.EqualTo(afterUnavailable));
            Assert.That(afterThrottling, Is.GreaterThan(afterUnavailable), "429 waits longer than other transient failures");
        });
    }

    [Test]
    public void RetryAfter_EachFormOfTheHeader_IsADelayFromNowNeverNegative()
    {
        var now = _time.GetUtcNow();
        using var delta = new HttpResponseMessage { Headers = { RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)) } };
        using var future = new HttpResponseMessage { Headers = { RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(9)) } };
        using var past = new HttpResponseMessage { Headers = { RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(-9)) } };
        using var none = new HttpResponseMessage();

        Assert.That(EndpointRetryRules.RetryAfter(delta, _time), Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(EndpointRetryRules.RetryAfter(future, _time), Is.EqualTo(TimeSpan.FromSeconds(9)));
        Assert.That(EndpointRetryRules.RetryAfter(past, _time), Is.EqualTo(TimeSpan.Zero));
        Assert.That(EndpointRetryRules.RetryAfter(none, _time), Is.Null);
        Assert.That(EndpointRetryRules.RetryAfter(null, _time), Is.Null);
    }

    [Test]
    public void GetAsync_PrimaryThrowsSomethingElse_ThrownAfterOneAttempt()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Throw(new InvalidOperationException("not transient"));

        Assert.That(() => client.GetAsync(new Uri("items", UriKind.Relative)), Throws.InvalidOperationException.With.Message.EqualTo("not transient"));
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public void GetAsync_PrimaryThrowsAmplifyHttpStatusException_ThrownAfterOneAttempt()
    {
        var client = Build(ApiKeyEndpoint());
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Throw(new AmplifyHttpStatusException("orders", HttpMethod.Get, "/dev/items", HttpStatusCode.ServiceUnavailable, new Dictionary<string, IReadOnlyList<string>>(), "busy"));

        Assert.That(() => client.GetAsync(new Uri("items", UriKind.Relative)), Throws.TypeOf<AmplifyHttpStatusException>());
        Assert.That(_sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_NetworkErrorThenOk_LogsTheExceptionTypeAsTheOutcome()
    {
        var client = Build(ApiKeyEndpoint());
        var attempts = 0;
        _mock.When(HttpMethod.Get, ItemsUri).Respond(_ => ++attempts == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "reset")
            : new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Logs().Single(r => r.Id.Id == 1501).Message, Does.StartWith("Endpoint orders: GET attempt 1 ended with HttpRequestException; retrying in "));
    }

    [Test]
    public void GetAsync_PrimaryThrowsItsOwnCancellation_ThrownAsItIsAfterOneAttemptAndNoTimeoutLogged()
    {
        var client = Build(ApiKeyEndpoint());
        var own = new TaskCanceledException("the primary's own cancellation, no token of the caller's or the library's");
        _mock.When(HttpMethod.Get, ItemsUri).With(Record).Throw(own);

        var ex = Assert.CatchAsync<OperationCanceledException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.SameAs(own), "neither timeout fired, so it is no TimeoutRejectedException and not retried");
            Assert.That(_sent, Has.Count.EqualTo(1));
            Assert.That(Logs().Select(r => r.Id.Id), Does.Not.Contain(1505).And.Not.Contain(1506));
        });
    }

    [Test]
    public async Task GetAsync_503ThenOk_DisposesTheRetriedResponse()
    {
        var client = Build(ApiKeyEndpoint());
        var first = new TrackingContent(new StringContent("busy"));
        var attempts = 0;
        _mock.When(HttpMethod.Get, ItemsUri).Respond(_ => ++attempts == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = first }
            : new HttpResponseMessage(HttpStatusCode.OK));

        using var response = await _time.CompleteAsync(client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Disposed, Is.True, "the 503 the caller never sees is disposed before the retry");
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupportedSayingUseSendAsync()
    {
        var endpoint = new AmplifyEndpoint("orders", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.None });
        using var invoker = new HttpMessageInvoker(new EndpointResilienceHandler(endpoint, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance) { InnerHandler = _mock });
        using var request = new HttpRequestMessage(HttpMethod.Get, ItemsUri);

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("asynchronous").And.Contain("use SendAsync"));
    }

    private static Action<AmplifyRestApiOptions> ApiKeyEndpoint(Action<AmplifyResilienceOptions>? resilience = null) => o =>
    {
        var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
        endpoint.ApiKey = "key-1";
        resilience?.Invoke(endpoint.Resilience);
    };

    private bool Record(HttpRequestMessage request)
    {
        _sent.Add(request);
        return true;
    }

    private IReadOnlyList<FakeLogRecord> Logs() => _provider!.GetFakeLogCollector().GetSnapshot();

    private HttpClient Build(Action<AmplifyRestApiOptions> configure, Action<IAmplifyRestApiBuilder>? more = null)
    {
        var services = new ServiceCollection();
        return Finish(services, services.AddAmplifyRestApi(configure), more);
    }

    private HttpClient Build(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        return Finish(services, services.AddAmplifyRestApi(configuration), null);
    }

    private HttpClient Finish(ServiceCollection services, IAmplifyRestApiBuilder builder, Action<IAmplifyRestApiBuilder>? more)
    {
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(_time);
        builder.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => _primary ?? _mock);
        more?.Invoke(builder);
        _provider = services.BuildServiceProvider(validateScopes: true);
        return _provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
    }

    private sealed class CountingCredentialsProvider : IAwsCredentialsProvider
    {
        private int _calls;

        public int Calls => _calls;

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new AwsCredentials("AKIDCOUNT" + Interlocked.Increment(ref _calls), "secret"));
    }

    /// <summary>A backend that never answers: each request waits for its cancellation, after saying it arrived.</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        public SemaphoreSlim Entered { get; } = new(0);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Entered.Release();
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Entered.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
