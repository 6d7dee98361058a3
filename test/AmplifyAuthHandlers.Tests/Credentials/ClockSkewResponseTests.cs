using System.Net;
using System.Text;
using AmplifyAuthHandlers.Tests.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class ClockSkewResponseTests
{
    private const string Expired = """{"message":"Signature expired: 20190101T000000Z is now earlier than 20190101T000500Z (20190101T001000Z - 5 min.)"}""";
    private const string NotYetCurrent = """{"message":"Signature not yet current: 20190101T002000Z is still later than 20190101T001500Z (20190101T001000Z + 5 min.)"}""";
    private static readonly DateTimeOffset ServerTime = new(2019, 1, 1, 0, 10, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(HttpStatusCode status, string body, string? errorType = "InvalidSignatureException", bool date = true)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        }

        if (date)
        {
            response.Headers.Date = ServerTime;
        }

        return response;
    }

    [TestCase(Expired)]
    [TestCase(NotYetCurrent)]
    public async Task TryGetServerTimeAsync_ApiGatewaysSkewRefusal_ReturnsTheDateAndKeepsTheWholeBody(string body)
    {
        using var response = Response(HttpStatusCode.Forbidden, body);

        var serverTime = await ClockSkewResponse.TryGetServerTimeAsync(response, default);

        Assert.That(serverTime, Is.EqualTo(ServerTime));
        Assert.That(response.Content, Is.TypeOf<PrefixReplayContent>());
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.BadRequest)]
    public async Task TryGetServerTimeAsync_NotForbidden_IsNullAndTheBodyIsNotTouched(HttpStatusCode status)
    {
        using var response = Response(status, Expired);
        var content = response.Content;

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.Null);
        Assert.That(response.Content, Is.SameAs(content));
    }

    [Test]
    public async Task TryGetServerTimeAsync_NoDate_IsNullAndTheBodyIsNotTouched()
    {
        using var response = Response(HttpStatusCode.Forbidden, Expired, date: false);
        var content = response.Content;

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.Null);
        Assert.That(response.Content, Is.SameAs(content));
    }

    [Test]
    public async Task TryGetServerTimeAsync_OtherErrorType_IsNullAndTheBodyIsNotTouched()
    {
        using var response = Response(HttpStatusCode.Forbidden, Expired, errorType: "AccessDeniedException");
        var content = response.Content;

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.Null);
        Assert.That(response.Content, Is.SameAs(content));
    }

    [Test]
    public async Task TryGetServerTimeAsync_SignatureErrorForAnotherReason_IsNullButTheBodyIsStillWhole()
    {
        const string Body = """{"message":"The request signature we calculated does not match the signature you provided."}""";
        using var response = Response(HttpStatusCode.Forbidden, Body);

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.Null);
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Body));
    }

    [Test]
    public async Task TryGetServerTimeAsync_BodyArrivesAByteAtATime_ReadsUpToThePeek()
    {
        var bytes = Encoding.UTF8.GetBytes(Expired);
        using var response = Response(HttpStatusCode.Forbidden, string.Empty);
        response.Content = new StreamedResponseContent(new ForwardOnlyStream(bytes, maxBytesPerRead: 1));

        var serverTime = await ClockSkewResponse.TryGetServerTimeAsync(response, default);

        Assert.That(serverTime, Is.EqualTo(ServerTime));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
    }

    [Test]
    public async Task TryGetServerTimeAsync_MessageOnlyAfterThePeek_IsNotFoundAndNothingBeyondThePeekIsRead()
    {
        var prefix = Encoding.UTF8.GetBytes(new string(' ', ClockSkewResponse.MaxPeekBytes) + Expired);
        var body = new CountingStream(prefix.Length, prefix);
        using var response = Response(HttpStatusCode.Forbidden, string.Empty);
        response.Content = new StreamedResponseContent(body);

        var serverTime = await ClockSkewResponse.TryGetServerTimeAsync(response, default);

        Assert.That(serverTime, Is.Null);
        Assert.That(body.BytesRead, Is.EqualTo(ClockSkewResponse.MaxPeekBytes));
        Assert.That(body.EmptyReads, Is.Zero, "a full peek asks the stream for nothing more (a socket could wait there)");
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(prefix));
    }

    [Test]
    public async Task TryGetServerTimeAsync_MessageEndingExactlyAtThePeek_IsFound()
    {
        var text = new string(' ', ClockSkewResponse.MaxPeekBytes - Expired.Length) + Expired;
        using var response = Response(HttpStatusCode.Forbidden, text + "trailing bytes the peek does not need");

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.EqualTo(ServerTime));
    }

    [Test]
    public async Task TryGetServerTimeAsync_EmptyBody_IsNullAndReplaysNothing()
    {
        using var response = Response(HttpStatusCode.Forbidden, string.Empty);

        Assert.That(await ClockSkewResponse.TryGetServerTimeAsync(response, default), Is.Null);
        Assert.That(response.Content, Is.TypeOf<PrefixReplayContent>());
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task TryGetServerTimeAsync_MessageInThePeekOfALongerBody_IsFoundAndTheWholeBodyIsReplayed()
    {
        var bytes = Encoding.UTF8.GetBytes(Expired + new string('x', (2 * ClockSkewResponse.MaxPeekBytes) + 1));
        var body = new CountingStream(bytes.Length, bytes);
        using var response = Response(HttpStatusCode.Forbidden, string.Empty);
        response.Content = new StreamedResponseContent(body);

        var serverTime = await ClockSkewResponse.TryGetServerTimeAsync(response, default);

        Assert.That(serverTime, Is.EqualTo(ServerTime));
        Assert.That(body.BytesRead, Is.EqualTo(ClockSkewResponse.MaxPeekBytes), "only the peek is read before the caller reads");
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(bytes));
    }

    [TestCase("InvalidSignatureException", ExpectedResult = true)]
    [TestCase("InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/", ExpectedResult = true)]
    [TestCase(" InvalidSignatureException ", ExpectedResult = true)]
    [TestCase("invalidsignatureexception", ExpectedResult = false)]
    [TestCase(":InvalidSignatureException", ExpectedResult = false)]
    [TestCase("InvalidSignatureExceptionX", ExpectedResult = false)]
    [TestCase("AccessDeniedException:InvalidSignatureException", ExpectedResult = false)]
    public bool NamesSignatureError_HeaderValue_IsRecognisedByTheNameBeforeAnyColon(string value)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", value);
        return ClockSkewResponse.NamesSignatureError(response);
    }

    [Test]
    public void NamesSignatureError_SecondValueNamesIt_IsRecognised()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", ["AccessDeniedException", "InvalidSignatureException"]);

        Assert.That(ClockSkewResponse.NamesSignatureError(response), Is.True);
    }

    [Test]
    public void NamesSignatureError_NoHeader_IsFalse()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden);

        Assert.That(ClockSkewResponse.NamesSignatureError(response), Is.False);
    }

    [TestCase(Expired, ExpectedResult = true)]
    [TestCase(NotYetCurrent, ExpectedResult = true)]
    [TestCase("Signature expired: 20190101T000000Z", ExpectedResult = false)]
    [TestCase("20190101T000000Z is now earlier than 20190101T000500Z", ExpectedResult = false)]
    [TestCase("Signature not yet current: 20190101T002000Z", ExpectedResult = false)]
    [TestCase("20190101T002000Z is still later than 20190101T001500Z", ExpectedResult = false)]
    [TestCase("Signature expired: a is still later than b", ExpectedResult = false)]
    [TestCase("Signature not yet current: a is now earlier than b", ExpectedResult = false)]
    [TestCase("signature expired: a is now earlier than b", ExpectedResult = false)]
    public bool IsSkewMessage_Body_NeedsBothFixedPartsOfOneMessage(string body) => ClockSkewResponse.IsSkewMessage(body);
}
