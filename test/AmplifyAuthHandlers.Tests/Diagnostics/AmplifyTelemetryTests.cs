using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Diagnostics;

/// <summary>
/// The ActivitySource and Meter named AmplifyAuthHandlers: spans and instruments with their names, tags and units, seen
/// through ActivityListener/MeterListener, and no tag value that carries a secret.
/// </summary>
[TestFixture]
public sealed class AmplifyTelemetryTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string SecretKey = "telemetry-secret-access-key-value";
    private const string SessionToken = "telemetry-session-token-value";

    private readonly List<Activity> _activities = [];
    private readonly List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private ActivityListener _activityListener = null!;
    private MeterListener _meterListener = null!;

    [SetUp]
    public void SetUp()
    {
        _activities.Clear();
        _measurements.Clear();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AmplifyAuthHandlers",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_activities) { _activities.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AmplifyAuthHandlers")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _meterListener.Start();
    }

    [TearDown]
    public void TearDown()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, instrument.Unit, value, copy));
        }
    }

    private List<Activity> Spans(string name, string? endpoint = null)
    {
        lock (_activities)
        {
            return [.. _activities.Where(a => a.OperationName == name && (endpoint is null || (string?)a.GetTagItem("amplify.endpoint") == endpoint))];
        }
    }

    private List<(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags)> Measurements(string instrument, string? endpoint = null)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument && (endpoint is null || (string?)m.Tags.GetValueOrDefault("amplify.endpoint") == endpoint))];
        }
    }

    private static AmplifyTestHost IamHost(string endpoint) => AmplifyTestHost.Create(
        o =>
        {
            o.AddEndpoint(endpoint, new Uri(Stage), AmplifyAuthorizationType.AwsIam).Region = "us-west-2";
        },
        (b, _) => b.AddAwsCredentialsProvider(new StaticAwsCredentialsProvider(new AwsCredentials("ASIATELEMETRYTEST", SecretKey, SessionToken))));

    [Test]
    public void SourceAndMeter_NameAndVersion_AreTheAssemblys()
    {
        var version = typeof(IAmplifyRestApi).Assembly.GetName().Version!.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(AmplifyTelemetry.Source.Name, Is.EqualTo("AmplifyAuthHandlers"));
            Assert.That(AmplifyTelemetry.Source.Version, Is.EqualTo(version));
            Assert.That(AmplifyTelemetry.Meter.Name, Is.EqualTo("AmplifyAuthHandlers"));
            Assert.That(AmplifyTelemetry.Meter.Version, Is.EqualTo(version));
        });
    }

    [Test]
    public async Task SendAsync_AwsIamEndpoint_SpansForCredentialsAndSigningAndTheWaitHistogram()
    {
        using var host = IamHost("telemetryIam");
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").Respond(HttpStatusCode.OK);

        using var response = await host.Client("telemetryIam").GetAsync(new Uri(Stage + "/items"));

        var resolve = Spans("amplify.credentials.resolve", "telemetryIam");
        var sign = Spans("amplify.sigv4.sign", "telemetryIam");
        var wait = Measurements("amplify.auth.wait.duration", "telemetryIam");
        Assert.Multiple(() =>
        {
            Assert.That(resolve, Has.Count.EqualTo(1));
            Assert.That(resolve.Single().GetTagItem("amplify.auth_mode"), Is.EqualTo("AWS_IAM"));
            Assert.That(resolve.Single().GetTagItem("amplify.outcome"), Is.EqualTo("success"));
            Assert.That(sign, Has.Count.EqualTo(1));
            Assert.That(sign.Single().GetTagItem("amplify.outcome"), Is.EqualTo("success"));
            Assert.That(wait, Has.Count.EqualTo(1));
            Assert.That(wait.Single().Unit, Is.EqualTo("s"));
            Assert.That(wait.Single().Value, Is.GreaterThanOrEqualTo(0));
            Assert.That(wait.Single().Tags["amplify.wait.kind"], Is.EqualTo("credentials"));
            Assert.That(wait.Single().Tags["amplify.outcome"], Is.EqualTo("success"));
        });
        AssertNoSecretInAnyTag(SecretKey, SessionToken, "Signature=");
    }

    [Test]
    public async Task SendAsync_403InvalidSignature_CountedAsAuthFailureByErrorType()
    {
        using var host = IamHost("telemetryDenied");
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").Respond(_ =>
        {
            var denied = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"message":"denied"}""") };
            denied.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/");
            return denied;
        });

        using var response = await host.Client("telemetryDenied").GetAsync(new Uri(Stage + "/items"));

        var failure = Measurements("amplify.auth.failures", "telemetryDenied").Single();
        Assert.Multiple(() =>
        {
            Assert.That(failure.Value, Is.EqualTo(1));
            Assert.That(failure.Tags["error.type"], Is.EqualTo("InvalidSignatureException"));
            Assert.That(failure.Tags["http.response.status_code"], Is.EqualTo(403));
            Assert.That(failure.Tags["amplify.auth_mode"], Is.EqualTo("AWS_IAM"));
        });
    }

    [Test]
    public async Task GetAsync_CredentialsCache_CountsRefreshesAndFailuresWithSpans()
    {
        var fail = false;
        var cache = new AwsCredentialsCache(
            _ => fail ? Task.FromException<AwsCredentials>(new CognitoServiceException("no", "NotAuthorizedException", HttpStatusCode.BadRequest)) : Task.FromResult(new AwsCredentials("AKIDCACHE", SecretKey, SessionToken, DateTimeOffset.MinValue.AddYears(1))),
            () => DateTimeOffset.MinValue.AddYears(2),
            TimeSpan.FromMinutes(5),
            "telemetry source",
            NullLogger.Instance);

        await cache.GetAsync(default);
        fail = true;
        Assert.ThrowsAsync<AwsCredentialsUnavailableException>(async () => await cache.GetAsync(default));

        var refreshes = Measurements("amplify.credentials.refreshes").Where(m => (string?)m.Tags["amplify.credentials.source"] == "telemetry source").ToList();
        var failures = Measurements("amplify.credentials.refresh_failures").Where(m => (string?)m.Tags["amplify.credentials.source"] == "telemetry source").ToList();
        var spans = Spans("amplify.credentials.refresh");
        Assert.Multiple(() =>
        {
            Assert.That(refreshes, Has.Count.EqualTo(1));
            Assert.That(failures, Has.Count.EqualTo(1));
            Assert.That(failures.Single().Tags["error.type"], Is.EqualTo("NotAuthorizedException"));
            Assert.That(spans.Select(s => s.GetTagItem("amplify.outcome")), Is.EquivalentTo(new[] { "success", "failure" }));
        });
        AssertNoSecretInAnyTag(SecretKey, SessionToken);
    }

    [Test]
    public async Task SendAsync_CognitoCall_OneClientSpanPerOperationWithOutcome()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Post, "https://cognito-identity.us-east-1.amazonaws.com/").Respond("application/x-amz-json-1.1", """{"IdentityId":"us-east-1:abc"}""");
        mock.Expect(HttpMethod.Post, "https://cognito-identity.us-east-1.amazonaws.com/").Respond(HttpStatusCode.BadRequest, "application/x-amz-json-1.1", """{"__type":"NotAuthorizedException","message":"no"}""");
        using var http = new HttpClient(mock);
        var client = new CognitoIdentityClient(http, new Uri("https://cognito-identity.us-east-1.amazonaws.com/"));

        await client.GetIdAsync("us-east-1:pool", null, default);
        Assert.ThrowsAsync<CognitoServiceException>(() => client.GetIdAsync("us-east-1:pool", null, default));

        var spans = Spans("amplify.cognito.call").Where(s => (string?)s.GetTagItem("rpc.method") == "GetId").ToList();
        Assert.That(spans, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(spans[0].Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(spans[0].GetTagItem("rpc.service"), Is.EqualTo("AWSCognitoIdentityService"));
            Assert.That(spans[0].GetTagItem("amplify.outcome"), Is.EqualTo("success"));
            Assert.That(spans[1].GetTagItem("amplify.outcome"), Is.EqualTo("failure"));
            Assert.That(spans[1].GetTagItem("error.type"), Is.EqualTo("NotAuthorizedException"));
            Assert.That(spans[1].Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    public void RecordRetry_Called_CountsWithEndpointAttemptReasonAndErrorType()
    {
        AmplifyTelemetry.RecordRetry("telemetryRetry", 2, "transient", "503");

        var retry = Measurements("amplify.request.retries", "telemetryRetry").Single();
        Assert.Multiple(() =>
        {
            Assert.That(retry.Value, Is.EqualTo(1));
            Assert.That(retry.Unit, Is.EqualTo("{retry}"));
            Assert.That(retry.Tags["amplify.attempt"], Is.EqualTo(2));
            Assert.That(retry.Tags["amplify.retry.reason"], Is.EqualTo("transient"));
            Assert.That(retry.Tags["error.type"], Is.EqualTo("503"));
        });
    }

    [Test]
    public async Task SendAsync_EndpointRetriesA503AndANetworkError_CountsEachRetryWithItsAttemptAndCause()
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("telemetryResilience", new Uri(Stage), AmplifyAuthorizationType.None));
        var attempt = 0;
        host.Mock.When(Stage + "/*").Respond(_ =>
        {
            switch (++attempt)
            {
                case 1:
                    var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
                    busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
                    return busy;
                case 2:
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "reset");
                default:
                    return new HttpResponseMessage(HttpStatusCode.OK);
            }
        });

        using var response = await host.Client("telemetryResilience").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var retries = Measurements("amplify.request.retries", "telemetryResilience");
        Assert.That(retries.Select(r => (r.Tags["amplify.attempt"], r.Tags["amplify.retry.reason"], r.Tags["error.type"])), Is.EqualTo(new[]
        {
            ((object?)2, (object?)"transient", (object?)"503"),
            (3, "transient", "System.Net.Http.HttpRequestException"),
        }));
    }

    [TestCase(403, "AccessDeniedException:http://internal", "AccessDeniedException")]
    [TestCase(401, null, "401")]
    public async Task SendAsync_EndpointAnswers401Or403_CountsAnAuthFailureWithModeStatusAndErrorType(int status, string? errorType, string expected)
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("telemetryAuthFailure" + status, new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "k");
        host.Mock.When(Stage + "/*").Respond(_ =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status);
            if (errorType is not null)
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
            }

            return response;
        });

        using var response = await host.Client("telemetryAuthFailure" + status).GetAsync("items");

        var failure = Measurements("amplify.auth.failures", "telemetryAuthFailure" + status).Single();
        Assert.That((failure.Value, failure.Tags["amplify.auth_mode"], failure.Tags["http.response.status_code"], failure.Tags["error.type"]), Is.EqualTo(((double)1, (object?)"API_KEY", (object?)status, (object?)expected)));
    }

    [Test]
    public async Task SendAsync_EndpointAnswers500_CountsNoAuthFailure()
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("telemetryNoAuthFailure", new Uri(Stage), AmplifyAuthorizationType.None));
        host.Mock.When(Stage + "/*").Respond(HttpStatusCode.InternalServerError);

        using var response = await host.Client("telemetryNoAuthFailure").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(Measurements("amplify.auth.failures", "telemetryNoAuthFailure"), Is.Empty);
    }

    [Test]
    public void ClockSkewCorrected_Called_CountsByHost()
    {
        AmplifyTelemetry.ClockSkewCorrected("skew.telemetry.test");

        Assert.That(Measurements("amplify.clock_skew.corrections").Count(m => (string?)m.Tags["server.address"] == "skew.telemetry.test"), Is.EqualTo(1));
    }

    private void AssertNoSecretInAnyTag(params string[] secrets)
    {
        List<string> values;
        lock (_activities)
        {
            lock (_measurements)
            {
                values = [.. _activities.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty)
                    .Concat(_measurements.SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? string.Empty))];
            }
        }

        foreach (var secret in secrets)
        {
            Assert.That(values, Has.None.Contain(secret), "a tag value carries a secret");
        }
    }
}
