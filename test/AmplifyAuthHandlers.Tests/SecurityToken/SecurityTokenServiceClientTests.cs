using System.Net;
using System.Text;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.SecurityToken;

[TestFixture]
public sealed class SecurityTokenServiceClientTests
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/Pool_Auth_Role";
    private const string WebIdentityToken = "eyJraWQiOiJ1cy13ZXN0LTIxIn0.eyJzdWIiOiJ1cy13ZXN0LTI6aWQifQ.c2ln";
    private static readonly Uri StsUri = new("https://sts.us-west-2.amazonaws.com/");

    private FakeTimeProvider _time = null!;
    private FakeSecurityTokenService _sts = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _sts = new FakeSecurityTokenService { Now = () => _time.GetUtcNow() };
    }

    [TearDown]
    public void TearDown() => _sts.Dispose();

    private SecurityTokenServiceClient NewClient(HttpMessageHandler? handler = null, TimeProvider? delays = null) =>
        new(new HttpClient(handler ?? _sts, disposeHandler: false), StsUri, timeProvider: delays);

    [TestCase(HttpStatusCode.ServiceUnavailable, null)]
    [TestCase(HttpStatusCode.InternalServerError, "InternalFailure")]
    [TestCase(HttpStatusCode.BadRequest, "Throttling")]
    [TestCase(HttpStatusCode.BadRequest, "IDPCommunicationError")]
    public async Task AssumeRoleWithWebIdentityAsync_TransientFailuresThenSuccess_RetriesAndReturnsTheCredentials(HttpStatusCode status, string? code)
    {
        var delays = new InstantDelayTimeProvider();
        using var flaky = new FlakyStub(_sts, 2, () => Error(status, code));

        var credentials = await NewClient(flaky, delays).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default);

        Assert.That(credentials.AccessKeyId, Is.Not.Empty);
        Assert.That(flaky.Calls, Is.EqualTo(3));
        Assert.That(delays.Delays, Has.Count.EqualTo(2).And.All.LessThanOrEqualTo(AwsStandardRetry.MaxBackoff));
    }

    [Test]
    public async Task AssumeRoleWithWebIdentityAsync_NetworkErrorThenSuccess_Retries()
    {
        using var flaky = new FlakyStub(_sts, 1, () => throw new HttpRequestException("connection reset"));

        var credentials = await NewClient(flaky, new InstantDelayTimeProvider()).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default);

        Assert.That(credentials.AccessKeyId, Is.Not.Empty);
        Assert.That(flaky.Calls, Is.EqualTo(2));
    }

    [Test]
    public void AssumeRoleWithWebIdentityAsync_ServerErrorEveryTime_GivesUpAfterThreeAttempts()
    {
        using var flaky = new FlakyStub(_sts, int.MaxValue, () => Error(HttpStatusCode.InternalServerError, "InternalFailure"));

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => NewClient(flaky, new InstantDelayTimeProvider()).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default));

        Assert.That(ex!.ErrorCode, Is.EqualTo("InternalFailure"));
        Assert.That(flaky.Calls, Is.EqualTo(AwsStandardRetry.MaxAttempts));
    }

    [Test]
    public void AssumeRoleWithWebIdentityAsync_AccessDenied_NotRetried()
    {
        using var flaky = new FlakyStub(_sts, int.MaxValue, () => Error(HttpStatusCode.Forbidden, "AccessDenied"));

        Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => NewClient(flaky, new InstantDelayTimeProvider()).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default));

        Assert.That(flaky.Calls, Is.EqualTo(1));
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string? code) => new(status)
    {
        Content = new StringContent(code is null
            ? "<html>busy</html>"
            : $"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>try again</Message></Error></ErrorResponse>"),
    };

    [Test]
    public async Task AssumeRoleWithWebIdentityAsync_Success_PostsTheQueryFormAndReadsTheCredentials()
    {
        var credentials = await NewClient().AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-0123456789ABCDEF", WebIdentityToken, TimeSpan.FromMinutes(30), default);

        var form = _sts.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(_sts.RequestUris.Single(), Is.EqualTo(StsUri));
            Assert.That(form["Action"], Is.EqualTo("AssumeRoleWithWebIdentity"));
            Assert.That(form["Version"], Is.EqualTo("2011-06-15"));
            Assert.That(form["RoleArn"], Is.EqualTo(RoleArn));
            Assert.That(form["RoleSessionName"], Is.EqualTo("amplify-0123456789ABCDEF"));
            Assert.That(form["WebIdentityToken"], Is.EqualTo(WebIdentityToken));
            Assert.That(form["DurationSeconds"], Is.EqualTo("1800"));
            Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Auth_Role"));
            Assert.That(credentials.SecretAccessKey, Is.EqualTo("sts-secret-1"));
            Assert.That(credentials.SessionToken, Is.EqualTo("sts-session-1"));
            Assert.That(credentials.Expiration, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task AssumeRoleWithWebIdentityAsync_NoDuration_OmitsDurationSecondsAndSendsNoAuthorization()
    {
        HttpRequestMessage? seen = null;
        using var recorder = new RecordingStub(request => seen = request, _sts);

        await NewClient(recorder).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default);

        Assert.That(_sts.Requests.Single().ContainsKey("DurationSeconds"), Is.False);
        Assert.That(seen!.Headers.Contains("Authorization"), Is.False, "AssumeRoleWithWebIdentity is unsigned");
        Assert.That(seen.Content!.Headers.ContentType!.MediaType, Is.EqualTo("application/x-www-form-urlencoded"));
    }

    [TestCase("2026-11-26T13:00:00Z", 0)]
    [TestCase("2026-11-26T13:00:00.250Z", 250)]
    [TestCase("2026-11-26T14:00:00+01:00", 0)]
    public void ParseCredentials_Iso8601Expiration_IsReadAsUtc(string expiration, int milliseconds)
    {
        var body = Encoding.UTF8.GetBytes($"""
            <AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleWithWebIdentityResult><Credentials>
                <AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>
                <Expiration>{expiration}</Expiration>
              </Credentials></AssumeRoleWithWebIdentityResult>
            </AssumeRoleWithWebIdentityResponse>
            """);

        var credentials = SecurityTokenServiceClient.ParseCredentials(body);

        Assert.That(credentials!.Expiration, Is.EqualTo(new DateTimeOffset(2026, 11, 26, 13, 0, 0, milliseconds, TimeSpan.Zero)));
        Assert.That(credentials.Expiration!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [TestCase(HttpStatusCode.Forbidden, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", "trust policy")]
    [TestCase(HttpStatusCode.BadRequest, "InvalidIdentityToken", "Incorrect token audience", "OpenID token")]
    [TestCase(HttpStatusCode.BadRequest, "ExpiredTokenException", "Token expired: current date/time 1 must be before the expiration date/time 0", "OpenID token")]
    public void AssumeRoleWithWebIdentityAsync_StsError_ThrowsWithTheStsCodeAndNoToken(HttpStatusCode status, string code, string message, string hint)
    {
        _sts.Refuse = (status, code, message);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => NewClient().AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ErrorCode, Is.EqualTo(code));
            Assert.That(ex.Message, Does.Contain(RoleArn).And.Contain($"{code}: {message}").And.Contain(hint));
            Assert.That(ex.Message, Does.Not.Contain(WebIdentityToken));
        });
    }

    [Test]
    public void AssumeRoleWithWebIdentityAsync_NonXmlError_ThrowsWithTheStatusAndNoCode()
    {
        using var stub = new RecordingStub(_ => { }, respond: new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("<html>bad") });

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => NewClient(stub).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default));

        Assert.That(ex!.ErrorCode, Is.Null);
        Assert.That(ex.Message, Does.Contain("HTTP 400"));
    }

    [TestCase("")]
    [TestCase("not xml")]
    [TestCase("<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>")]
    [TestCase("<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>A</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>soon</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>")]
    [TestCase("<!DOCTYPE r [<!ENTITY k SYSTEM \"file:///etc/hostname\">]><AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>&k;</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>2026-11-26T13:00:00Z</Expiration></Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>")]
    public void AssumeRoleWithWebIdentityAsync_SuccessWithUnreadableBody_Throws(string body)
    {
        using var stub = new RecordingStub(_ => { }, respond: new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => NewClient(stub).AssumeRoleWithWebIdentityAsync(RoleArn, "amplify-1", WebIdentityToken, null, default));

        Assert.That(ex!.Message, Does.Contain("not an AssumeRoleWithWebIdentityResponse"));
    }

    [TestCase("us-west-2", "https://sts.us-west-2.amazonaws.com/")]
    [TestCase("cn-north-1", "https://sts.cn-north-1.amazonaws.com.cn/")]
    public void GetDefaultServiceUri_Region_IsTheRegionalEndpoint(string region, string expected) =>
        Assert.That(SecurityTokenServiceClient.GetDefaultServiceUri(region), Is.EqualTo(new Uri(expected)));

    private sealed class RecordingStub(Action<HttpRequestMessage> record, HttpMessageHandler? inner = null, HttpResponseMessage? respond = null) : DelegatingHandler(inner ?? new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            record(request);
            return respond is not null ? Task.FromResult(respond) : base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Answers the first <c>failures</c> calls with <c>fail</c> (a response or a throw), then passes to the real fake.</summary>
    private sealed class FlakyStub(HttpMessageHandler inner, int failures, Func<HttpResponseMessage> fail) : DelegatingHandler(inner)
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            ++Calls <= failures ? Task.FromResult(fail()) : base.SendAsync(request, cancellationToken);
    }
}
