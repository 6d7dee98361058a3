using System.Collections.Concurrent;
using System.Net;
using AmplifyAuthHandlers.Tests.Auth;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
