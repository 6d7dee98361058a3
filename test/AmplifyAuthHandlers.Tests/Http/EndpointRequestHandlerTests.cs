using System.Collections.Concurrent;
using System.Net;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.Auth;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// The outermost handler of every chain: what the chain added to a request is gone when the attempt ends, so that
/// HttpClientFactory's log state (which holds the live header collection), a retry or an outer handler never holds
/// a secret. Proved with the README's pattern (<c>AddStandardResilienceHandler</c>), Trace logging and a primary
/// that answers 503 then 200, every mode, endpoint and provider headers included.
/// </summary>
/// <remarks>
/// Checked to fail: without the clean-up in <see cref="EndpointRequestHandler"/>, every case finds the last
/// attempt's key, token, session token or signature in HttpClientFactory's "Request Headers" state.
/// </remarks>
[TestFixture]
public sealed class EndpointRequestHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string CustomSecret = "custom-header-secret-7c1e";
    private const string ProvidedSecret = "provided-header-secret-91ab";
    private const string SessionToken = "iam-session-token-5d2f";
    private const string SecretKey = "iam-secret-key-0b7e";

    private static readonly Dictionary<string, string[]> ModeSecrets = new()
    {
        ["NONE"] = ["none-endpoint-key-3a9c"],
        ["API_KEY"] = ["api-key-secret-44d1"],
        ["AWS_IAM"] = [SessionToken, SecretKey],
        ["AMAZON_COGNITO_USER_POOLS"] = ["pool-access-token-8e2a"],
        ["OPENID_CONNECT"] = ["oidc-token-2f7b"],
        ["AWS_LAMBDA"] = ["lambda-token-6c0d"],
    };

    private static IEnumerable<TestCaseData> Modes =>
        ModeSecrets.Keys.SelectMany(mode => new[]
        {
            new TestCaseData(mode, Retrier.OuterStandardResilienceHandler),
            new TestCaseData(mode, Retrier.LibraryResilience),
        });

    /// <summary>Who retries the 503: the README's outer handler, or the endpoint's own resilience inside the chain.</summary>
    public enum Retrier
    {
        OuterStandardResilienceHandler,
        LibraryResilience,
    }

    [TestCaseSource(nameof(Modes))]
    public async Task SendAsync_RetriedWithTraceLogging_NoLogStateHoldsASecretAfterTheCall(string mode, Retrier retrier)
    {
        var logs = new StateCapturingLoggerProvider();
        var wire = new ConcurrentQueue<string>();
        var attempts = 0;
        using var mock = AmplifyTestHost.NewMock();
        mock.When(Stage + "/*").Respond(request =>
        {
            foreach (var (_, values) in request.Headers.NonValidated)
            {
                foreach (var value in values)
                {
                    wire.Enqueue(value);
                }
            }

            return new HttpResponseMessage(Interlocked.Increment(ref attempts) == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
        });
        await using var provider = Build(mode, mock, logs, retrier);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.Add("x-visible", "visible-header-value");

        using (var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("api").SendAsync(request))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var secrets = ModeSecrets[mode].Concat([CustomSecret, ProvidedSecret]).ToList();
        var sent = string.Join("\n", wire);
        Assert.That(attempts, Is.EqualTo(2), "the resilience handler retried the 503");
        Assert.That(secrets.Where(s => s != SecretKey), Has.All.Matches<string>(s => sent.Contains(s, StringComparison.Ordinal)), "each secret went on the wire, so its absence from the logs means something");

        // The signature and whole Authorization values too (AWS_IAM's change per attempt).
        secrets.AddRange(wire.Where(v => v.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal)));
        var states = logs.SerializeStates();
        Assert.That(states, Has.Some.Contains("visible-header-value"), "the capture spells out header values, or the next assertion proves nothing");
        Assert.That(states, Has.Some.Contains("x-visible"));
        foreach (var secret in secrets)
        {
            Assert.That(states, Has.None.Contains(secret), $"{mode}: a log state held a secret after the call");
        }

        Assert.That(request.Headers.Contains("x-api-key") || request.Headers.Contains("Authorization") || request.Headers.Contains("x-custom"), Is.False, "the request no longer carries what the chain added");
    }

    [Test]
    public async Task SendAsync_CallerSetAuthorizationAndKey_TheyStayOnTheRequest()
    {
        using var mock = AmplifyTestHost.NewMock();
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "caller-key").WithHeaders("Authorization", "caller-token").Respond(HttpStatusCode.OK);
        await using var provider = Build("AMAZON_COGNITO_USER_POOLS", mock, new StateCapturingLoggerProvider());
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");
        request.Headers.TryAddWithoutValidation("Authorization", "caller-token");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("api").SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(request.Headers.GetValues("x-api-key"), Is.EqualTo(new[] { "caller-key" }));
        Assert.That(request.Headers.GetValues("Authorization"), Is.EqualTo(new[] { "caller-token" }));
        Assert.That(request.Headers.Contains("x-custom"), Is.False, "the endpoint's custom header was the chain's");
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_InnerCallThrows_HeadersAreRemovedToo()
    {
        using var mock = AmplifyTestHost.NewMock();
        mock.When(Stage + "/*").Throw(new HttpRequestException("connection reset"));
        using var provider = Build("API_KEY", mock, new StateCapturingLoggerProvider());
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        Assert.That(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("api").SendAsync(request), Throws.InstanceOf<HttpRequestException>());

        Assert.That(request.Headers.Contains("x-api-key"), Is.False);
        Assert.That(request.Headers.Contains("x-custom"), Is.False);
        Assert.That(request.Headers.Contains("x-provided"), Is.False);
    }

    private const string OtherOrigin = "https://collector.example.net";
    private const string EndpointKey = "endpoint-key-5b1d";
    private const string LambdaToken = "lambda-token-0e4c";
    private static readonly string[] AmzHeaders = ["X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256"];

    [TestCase(AmplifyAuthorizationType.ApiKey, new[] { "x-api-key", "x-custom", "x-provided" })]
    [TestCase(AmplifyAuthorizationType.AwsLambda, new[] { "Authorization", "x-api-key", "x-custom", "x-provided" })]
    [TestCase(AmplifyAuthorizationType.AwsIam, new[] { "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256", "x-api-key", "x-custom", "x-provided" })]
    public async Task SendAsync_SameMessageResentToAnotherOrigin_CarriesNothingTheChainAdded(AmplifyAuthorizationType type, string[] added)
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(type, seen, configure: e => e.AllowCrossOriginRequests = true, between: request => request.RequestUri = new Uri(OtherOrigin + "/collect"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(seen.Select(r => r.RequestUri!.GetLeftPart(UriPartial.Authority)), Is.EqualTo(new[] { "https://abc123.execute-api.us-west-2.amazonaws.com", OtherOrigin }));
        Assert.That(added, Has.All.Matches<string>(name => seen[0].Headers.Contains(name)), "the endpoint's own origin got all of them");
        Assert.That(seen[1].Headers.Select(h => h.Key), Is.Empty, "the other origin gets none of the key, token, signature or custom headers");
    }

    [Test]
    public async Task SendAsync_CallersAmzHeadersResentToAnotherOrigin_StayAtTheEndpointAndAreDroppedElsewhere()
    {
        var seen = new List<HttpRequestMessage>();
        var between = new List<string>();
        using var host = Host(AmplifyAuthorizationType.ApiKey, seen, configure: e => e.AllowCrossOriginRequests = true, between: request =>
        {
            between.AddRange(AmzHeaders.Where(request.Headers.Contains));
            request.RequestUri = new Uri(OtherOrigin + "/collect");
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        foreach (var name in AmzHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, "caller-" + name);
        }

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(AmzHeaders.Select(name => seen[0].Headers.GetValues(name).Single()), Is.EqualTo(AmzHeaders.Select(name => "caller-" + name)), "the endpoint got the caller's own values");
        Assert.That(between, Is.EqualTo(AmzHeaders), "no signer ran, so the attempt's clean-up left the caller's headers alone");
        Assert.That(AmzHeaders.Where(seen[1].Headers.Contains), Is.Empty, "no X-Amz-* header travels to another origin");
    }

    [Test]
    public async Task SendAsync_ApiKeyEndpointWithCallersHeaders_RemovesOnlyWhatTheChainAdded()
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.ApiKey, seen);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("Authorization", "caller-token");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "caller-date");
        request.Headers.TryAddWithoutValidation("x-custom", "caller-custom");

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(Value(seen[0], "x-api-key"), Is.EqualTo(EndpointKey));
        Assert.That(Value(seen[0], "x-custom"), Is.EqualTo("caller-custom"), "the caller's header wins over the endpoint's");
        Assert.That(Value(seen[0], "x-provided"), Is.EqualTo("provided-value"));
        Assert.That(Value(request, "Authorization"), Is.EqualTo("caller-token"));
        Assert.That(Value(request, "X-Amz-Date"), Is.EqualTo("caller-date"));
        Assert.That(Value(request, "x-custom"), Is.EqualTo("caller-custom"));
        Assert.That(request.Headers.Contains("x-api-key"), Is.False);
        Assert.That(request.Headers.Contains("x-provided"), Is.False);
    }

    [Test]
    public async Task SendAsync_TokenEndpointWithCallersKey_KeepsTheKeyAndRemovesTheToken()
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.AwsLambda, seen);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(Value(seen[0], "Authorization"), Is.EqualTo(LambdaToken));
        Assert.That(Value(seen[0], "x-api-key"), Is.EqualTo("caller-key"));
        Assert.That(Value(request, "x-api-key"), Is.EqualTo("caller-key"));
        Assert.That(request.Headers.Contains("Authorization"), Is.False);
    }

    [Test]
    public async Task SendAsync_IamEndpoint_RemovesTheSignatureAndTheCredentialsAfterTheCall()
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.AwsIam, seen);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(Value(seen[0], "Authorization"), Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDCLEANUP/"));
        Assert.That(AmzHeaders.Where(seen[0].Headers.Contains), Is.EqualTo(AmzHeaders));
        Assert.That(AmzHeaders.Append("Authorization").Where(request.Headers.Contains), Is.Empty);
        Assert.That(request.Options.TryGetValue(AmplifyRequestOptionKeys.Credentials, out _), Is.False, "the resolved credentials do not outlive the attempt");
    }

    [Test]
    public async Task SendAsync_IamEndpointWithCallersAuthorization_LeavesTheCallersSignatureHeaders()
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.AwsIam, seen);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 caller-signature");
        foreach (var name in AmzHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, "caller-" + name);
        }

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(Value(seen[0], "Authorization"), Is.EqualTo("AWS4-HMAC-SHA256 caller-signature"), "not signed again");
        foreach (var name in AmzHeaders)
        {
            Assert.That(Value(seen[0], name), Is.EqualTo("caller-" + name));
            Assert.That(Value(request, name), Is.EqualTo("caller-" + name), "the caller's own header stays on the message");
        }

        Assert.That(Value(request, "Authorization"), Is.EqualTo("AWS4-HMAC-SHA256 caller-signature"));
    }

    [Test]
    public async Task SendAsync_ContentHeaderTheChainAdded_IsRemovedFromTheContent()
    {
        var languages = new List<string>();
        using var host = Host(AmplifyAuthorizationType.ApiKey, [], configure: e => e.Headers["Content-Language"] = "de", onSend: r => languages.AddRange(r.Content!.Headers.ContentLanguage));
        using var request = new HttpRequestMessage(HttpMethod.Post, "items") { Content = new StringContent("{}") };

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(languages, Is.EqualTo(new[] { "de" }));
        Assert.That(request.Content.Headers.Contains("Content-Language"), Is.False);
    }

    [Test]
    public async Task SendAsync_KnownRequestHeaderTheChainAddedOnAPostWithContent_IsRemovedAndTheResponseReturned()
    {
        // HttpContentHeaders.Remove("Accept") throws "Misused header name": the clean-up used to, in its finally.
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.ApiKey, seen, configure: e => e.Headers["Accept"] = "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "items") { Content = new StringContent("{}") };

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Value(seen[0], "Accept"), Is.EqualTo("application/json"));
        Assert.That(request.Headers.Contains("Accept"), Is.False);
    }

    [Test]
    public async Task SendAsync_SameMessageResentAfterTheCallerSetACustomHeader_SendsTheCallersValue()
    {
        var seen = new List<HttpRequestMessage>();
        using var host = Host(AmplifyAuthorizationType.ApiKey, seen, between: request => request.Headers.TryAddWithoutValidation("x-custom", "set-between"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");

        using var response = await host.Client("api").SendAsync(request);

        Assert.That(seen.Select(r => Value(r, "x-custom")), Is.EqualTo(new[] { "custom-value", "set-between" }), "what the chain added is forgotten when the attempt ends");
        Assert.That(seen.Select(r => Value(r, "x-api-key")), Is.EqualTo(new[] { EndpointKey, EndpointKey }));
        Assert.That(Value(request, "x-custom"), Is.EqualTo("set-between"));
    }

    [TestCase("items")]
    [TestCase(null)]
    public void SendAsync_RequestWithoutAnAbsoluteUri_ThrowsNamingTheEndpointAndItsBaseAddress(string? uri)
    {
        var (invoker, sent, _) = Direct(AmplifyAuthorizationType.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri is null ? null : new Uri(uri, UriKind.Relative));

        var ex = Assert.ThrowsAsync<AmplifyException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'direct'").And.Contain("no absolute URI").And.Contain(Stage + "/"));
        Assert.That(sent, Is.Empty);
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_CallerSetAuthorization_LogsOnceThatAutomaticAuthorizationIsSkipped()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.AwsLambda);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        request.Headers.TryAddWithoutValidation("Authorization", "caller-token");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        var record = logger.Collector.GetSnapshot().Single();
        Assert.That((record.Id.Id, record.Level), Is.EqualTo((1003, LogLevel.Debug)));
        Assert.That(record.Message, Does.Contain("direct").And.Not.Contain("caller-token"));
        Assert.That(sent.Single().State.CallerSetAuthorization, Is.True);
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_NothingSetByTheCaller_LogsNothingAndAuthorizesTheAttempt()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.AwsLambda);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(logger.Collector.GetSnapshot(), Is.Empty);
        var state = sent.Single().State;
        Assert.That((state.CallerSetAuthorization, state.CallerSetApiKey, state.IsEndpointOrigin, state.ShouldAuthorize), Is.EqualTo((false, false, true, true)));
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_CallerSetApiKey_IsRecordedAsTheCallers()
    {
        var (invoker, sent, _) = Direct(AmplifyAuthorizationType.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");
        request.Headers.TryAddWithoutValidation("x-api-key", "caller-key");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That((sent.Single().State.CallerSetApiKey, sent.Single().State.CallerSetAuthorization), Is.EqualTo((true, false)));
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_CrossOriginAllowed_SendsWithoutAuthorizationAndLogsTheOriginAtDebug()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.ApiKey, allowCrossOrigin: true);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:8443/hook");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That((sent.Single().State.IsEndpointOrigin, sent.Single().State.ShouldAuthorize), Is.EqualTo((false, false)));
        Assert.That(sent.Single().Uri, Is.EqualTo("https://127.0.0.1:8443/hook"), "another origin's path is not put into the stage");
        var record = logger.Collector.GetSnapshot().Single();
        Assert.That((record.Id.Id, record.Level), Is.EqualTo((1002, LogLevel.Debug)));
        Assert.That(record.Message, Does.Contain("direct").And.Contain("https://127.0.0.1:8443"));
        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_CrossOriginAllowedWithDebugOff_LogsNothing()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.ApiKey, allowCrossOrigin: true);
        logger.ControlLevel(LogLevel.Debug, enabled: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:8443/hook");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(logger.Collector.GetSnapshot(), Is.Empty);
        invoker.Dispose();
    }

    [Test]
    public void SendAsync_CrossOriginNotAllowed_ThrowsTypedLogsAWarningAndSendsNothing()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://127.0.0.1:8443/hook");

        var ex = Assert.ThrowsAsync<AmplifyCrossOriginRequestException>(() => invoker.SendAsync(request, CancellationToken.None));

        Assert.That((ex!.EndpointName, ex.EndpointOrigin, ex.RequestOrigin), Is.EqualTo(("direct", "https://abc123.execute-api.us-west-2.amazonaws.com", "https://127.0.0.1:8443")));
        var record = logger.Collector.GetSnapshot().Single();
        Assert.That((record.Id.Id, record.Level), Is.EqualTo((1001, LogLevel.Warning)));
        Assert.That(record.Message, Does.Contain("direct").And.Contain("https://127.0.0.1:8443"));
        Assert.That(sent, Is.Empty);
        invoker.Dispose();
    }

    [TestCase("/dev", "/dev")]
    [TestCase("/dev/", "/dev/")]
    [TestCase("/dev/items", "/dev/items")]
    [TestCase("/devices", "/dev/devices")]
    [TestCase("/items", "/dev/items")]
    [TestCase("/", "/dev/")]
    public async Task SendAsync_PathOnTheEndpointsOrigin_IsKeptInsideTheStage(string path, string expected)
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc123.execute-api.us-west-2.amazonaws.com" + path + "?q=1");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(sent.Single().Uri, Is.EqualTo("https://abc123.execute-api.us-west-2.amazonaws.com" + expected + "?q=1"));
        var records = logger.Collector.GetSnapshot();
        if (path == expected)
        {
            Assert.That(records, Is.Empty);
        }
        else
        {
            Assert.That((records.Single().Id.Id, records.Single().Level), Is.EqualTo((1004, LogLevel.Debug)));
            Assert.That(records.Single().Message, Does.Contain($"path {path} was outside the stage and now goes to {expected}"));
        }

        invoker.Dispose();
    }

    [Test]
    public async Task SendAsync_EndpointWithoutAStage_SendsThePathAsItIs()
    {
        var (invoker, sent, logger) = Direct(AmplifyAuthorizationType.ApiKey, endpointUri: "https://abc123.execute-api.us-west-2.amazonaws.com/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc123.execute-api.us-west-2.amazonaws.com/items");

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.That(sent.Single().Uri, Is.EqualTo("https://abc123.execute-api.us-west-2.amazonaws.com/items"));
        Assert.That(logger.Collector.GetSnapshot(), Is.Empty);
        invoker.Dispose();
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        var (invoker, sent, _) = Direct(AmplifyAuthorizationType.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/items");

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("use SendAsync"));
        Assert.That(sent, Is.Empty);
        invoker.Dispose();
    }

    /// <summary>The handler alone over a primary that records the URI and the request state it was given.</summary>
    private static (HttpMessageInvoker Invoker, List<(string Uri, AmplifyRequestState State)> Sent, FakeLogger<EndpointRequestHandler> Logger) Direct(
        AmplifyAuthorizationType type, bool allowCrossOrigin = false, string endpointUri = Stage)
    {
        var endpoint = new AmplifyEndpoint("direct", new AmplifyRestEndpointOptions { Endpoint = new Uri(endpointUri), AuthorizationType = type, AllowCrossOriginRequests = allowCrossOrigin });
        var sent = new List<(string Uri, AmplifyRequestState State)>();
        var logger = new FakeLogger<EndpointRequestHandler>();
        var handler = new EndpointRequestHandler(endpoint, logger) { InnerHandler = new RecordingPrimary(sent) };
        return (new HttpMessageInvoker(handler), sent, logger);
    }

    private sealed class RecordingPrimary(List<(string Uri, AmplifyRequestState State)> sent) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Add((request.RequestUri!.AbsoluteUri, AmplifyRequestOptionKeys.GetState(request)!));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    private static string? Value(HttpRequestMessage request, string name) =>
        request.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    /// <summary>
    /// One endpoint "api" of <paramref name="type"/> with a key, a custom and a provided header; the primary records a
    /// snapshot of each request. With <paramref name="between"/>, a user handler sends the same message twice and runs
    /// it in between (HttpClient's own retry or hedging handlers re-send a message this way).
    /// </summary>
    private static AmplifyTestHost Host(AmplifyAuthorizationType type, List<HttpRequestMessage> seen, Action<AmplifyRestEndpointOptions>? configure = null, Action<HttpRequestMessage>? between = null, Action<HttpRequestMessage>? onSend = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new AwsSigV4Signer(TimeProvider.System, new AwsSigV4SignerOptions { AddContentSha256Header = true }));
        var builder = services.AddAmplifyRestApi(o =>
        {
            var endpoint = o.AddEndpoint("api", new Uri(Stage), type);
            endpoint.ApiKey = EndpointKey;
            endpoint.Headers["x-custom"] = "custom-value";
            endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-provided", "provided-value")]);
            configure?.Invoke(endpoint);
            o.Credentials.AccessKeyId = "AKIDCLEANUP";
            o.Credentials.SecretAccessKey = "cleanup-secret";
            o.Credentials.SessionToken = "cleanup-session";
        }).AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>(LambdaToken));
        var host = AmplifyTestHost.Build(services, builder, (b, mock) =>
        {
            mock.When("*").Respond(request =>
            {
                seen.Add(RequestSnapshot.Of(request));
                onSend?.Invoke(request);
                return new HttpResponseMessage(HttpStatusCode.OK);
            });
            if (between is not null)
            {
                b.Endpoint("api").AddHttpMessageHandler(() => new SendTwiceHandler(between));
            }
        }, ["api"]);
        return host;
    }

    /// <summary>A user handler that sends the message, runs <paramref name="between"/> on it, and sends it again.</summary>
    private sealed class SendTwiceHandler(Action<HttpRequestMessage> between) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            between(request);
            return await base.SendAsync(request, cancellationToken);
        }
    }

    private static ServiceProvider Build(string mode, MockHttpMessageHandler mock, StateCapturingLoggerProvider logs, Retrier retrier = Retrier.OuterStandardResilienceHandler)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (retrier == Retrier.OuterStandardResilienceHandler)
        {
            // The library's own retries are off here; with them on (below) the real clock runs their short backoff.
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)));
        }

        var type = mode switch
        {
            "NONE" => AmplifyAuthorizationType.None,
            "API_KEY" => AmplifyAuthorizationType.ApiKey,
            "AWS_IAM" => AmplifyAuthorizationType.AwsIam,
            "AMAZON_COGNITO_USER_POOLS" => AmplifyAuthorizationType.AmazonCognitoUserPools,
            "OPENID_CONNECT" => AmplifyAuthorizationType.OpenIdConnect,
            _ => AmplifyAuthorizationType.AwsLambda,
        };
        if (type == AmplifyAuthorizationType.AmazonCognitoUserPools)
        {
            services.AddSingleton<IUserPoolTokenSource>(new FakeUserPoolTokenSource { Current = new UserPoolTokens(ModeSecrets[mode][0], "pool-id-token", "pool-refresh-token") });
        }

        var oidc = new RecordingTokenProvider { Respond = _ => ModeSecrets["OPENID_CONNECT"][0] };
        services.AddSingleton(oidc);
        var builder = services.AddAmplifyRestApi(options =>
        {
            var endpoint = options.AddEndpoint("api", new Uri(Stage), type);

            endpoint.Resilience.Enabled = retrier == Retrier.LibraryResilience;
            if (type is AmplifyAuthorizationType.None or AmplifyAuthorizationType.ApiKey)
            {
                endpoint.ApiKey = ModeSecrets[mode][0];
            }

            endpoint.Headers["x-custom"] = CustomSecret;
            endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-provided", ProvidedSecret)]);
            options.Credentials.AccessKeyId = "AKIDLOGTEST";
            options.Credentials.SecretAccessKey = SecretKey;
            options.Credentials.SessionToken = SessionToken;
        });
        if (type == AmplifyAuthorizationType.OpenIdConnect)
        {
            builder.AddOidcTokenProvider<RecordingTokenProvider>();
        }
        else if (type == AmplifyAuthorizationType.AwsLambda)
        {
            builder.AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>(ModeSecrets["AWS_LAMBDA"][0]));
        }

        var client = builder.Endpoint("api").ConfigurePrimaryHttpMessageHandler(() => mock);
        if (retrier == Retrier.OuterStandardResilienceHandler)
        {
            client.AddStandardResilienceHandler(r => r.Retry.Delay = TimeSpan.Zero);
        }

        return services.BuildServiceProvider(validateScopes: true);
    }
}
