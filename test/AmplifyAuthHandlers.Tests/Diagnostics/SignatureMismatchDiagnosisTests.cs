using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AmplifyAuthHandlers.Tests.Diagnostics;

[TestFixture]
public sealed class SignatureMismatchDiagnosisTests
{
    private const string Token = "session-token-that-must-not-leak";

    private const string Signed = "GET\n/dev/items\na=1\nhost:api.local\nx-amz-date:20261126T050000Z\nx-amz-security-token:" + Token + "\nx-custom:value\n\nhost;x-amz-date;x-amz-security-token;x-custom\ne3b0";
    private const string SignedStringToSign = "AWS4-HMAC-SHA256\n20261126T050000Z\n20261126/us-east-1/execute-api/aws4_request\n1111";

    private static string GatewayBody(string canonical, string stringToSign) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["message"] = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
            + $"The Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n",
    });

    [Test]
    public void Compare_HeaderChangedAfterSigning_FirstDifferenceNamesTheHeaderLine()
    {
        var body = GatewayBody(Signed.Replace("x-custom:value", "x-custom:changed", StringComparison.Ordinal), SignedStringToSign.Replace("1111", "2222", StringComparison.Ordinal));

        var differences = SignatureMismatchDiagnosis.Compare(SignatureMismatchDiagnosis.Redact(Signed), SignedStringToSign, body)!;

        Assert.That(differences[0], Is.EqualTo("canonical request line 7 (a signed header: was it changed after signing?): signed 'x-custom:value', API Gateway expected 'x-custom:changed'"));
        Assert.That(differences, Has.Count.EqualTo(2), "the header and the hash in the string to sign");
        Assert.That(differences, Has.None.Contain(Token));
    }

    [Test]
    public void Compare_OtherRegion_ScopeLineOfTheStringToSign()
    {
        var body = GatewayBody(Signed, SignedStringToSign.Replace("us-east-1", "eu-west-1", StringComparison.Ordinal));

        var differences = SignatureMismatchDiagnosis.Compare(Signed, SignedStringToSign, body)!;

        Assert.That(differences.Single(), Does.StartWith("string to sign line 3 (credential scope date/region/service: check the endpoint's region)"));
    }

    [Test]
    public void Compare_SameTexts_BlamesTheSecretKey()
    {
        var differences = SignatureMismatchDiagnosis.Compare(Signed, SignedStringToSign, GatewayBody(Signed, SignedStringToSign))!;

        Assert.That(differences.Single(), Does.Contain("secret access key"));
    }

    [Test]
    public void Compare_BodyWithoutCanonicalString_Null() =>
        Assert.That(SignatureMismatchDiagnosis.Compare(Signed, SignedStringToSign, """{"message":"Credential should be scoped to a valid region."}"""), Is.Null);

    [Test]
    public void Redact_SecretHeadersAndQueryParameters_ValuesReplaced()
    {
        var redacted = SignatureMismatchDiagnosis.Redact("GET\n/\nX-Amz-Security-Token=abc&a=1\nauthorization:Bearer xyz\nhost:h\nx-api-key:k1\nx-amz-security-token:tok\n\nhost\nhash");

        Assert.That(redacted, Is.EqualTo("GET\n/\nX-Amz-Security-Token=***&a=1\nauthorization:***\nhost:h\nx-api-key:***\nx-amz-security-token:***\n\nhost\nhash"));
    }

    [Test]
    public async Task InspectAsync_403InvalidSignature_LogsWarningAndKeepsFirstDifference()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.local/dev/items?a=1");
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent(GatewayBody(Signed.Replace("/dev/items", "/dev/itemz", StringComparison.Ordinal), SignedStringToSign)),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");
        var logger = new FakeLogger();

        await SignatureMismatchDiagnosis.InspectAsync(request, response, () => (Signed, SignedStringToSign), logger, "orders", default);

        Assert.That(SignatureMismatchDiagnosis.FirstDifference(request), Does.StartWith("canonical request line 2 (canonical URI"));
        var entry = logger.Collector.GetSnapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(entry.Id.Id, Is.EqualTo(1601));
            Assert.That(entry.Message, Does.Contain("'/dev/itemz'").And.Not.Contain(Token));
        });
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Canonical String"), "the body is still readable");
    }

    [Test]
    public async Task InspectAsync_OtherError_NothingLoggedNorKept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.local/dev/items");
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(GatewayBody("x", "y")) };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "AccessDeniedException");
        var logger = new FakeLogger();
        var textsWritten = false;

        await SignatureMismatchDiagnosis.InspectAsync(request, response, () => { textsWritten = true; return (Signed, SignedStringToSign); }, logger, "orders", default);

        Assert.That(SignatureMismatchDiagnosis.FirstDifference(request), Is.Null);
        Assert.That(logger.Collector.Count, Is.Zero);
        Assert.That(textsWritten, Is.False, "what was signed is written only for a signature mismatch");
    }

    [Test]
    public async Task InspectAsync_SessionTokenInTheCanonicalRequest_NeverKeptOnTheRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.local/dev/items");
        using var response = new HttpResponseMessage(HttpStatusCode.Forbidden)
        {
            Content = new StringContent(GatewayBody(Signed.Replace("x-custom:value", "x-custom:other", StringComparison.Ordinal), SignedStringToSign)),
        };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "InvalidSignatureException");

        await SignatureMismatchDiagnosis.InspectAsync(request, response, () => (Signed, SignedStringToSign), new FakeLogger(), "orders", default);

        Assert.That(SignatureMismatchDiagnosis.FirstDifference(request), Does.StartWith("canonical request line 7"));
        Assert.That(request.Options.Select(o => o.Value?.ToString() ?? string.Empty), Has.None.Contain(Token));
    }

    [Test]
    public void Forget_AfterAFinding_FirstDifferenceGone()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.local/dev/items");
        request.Options.Set(new HttpRequestOptionsKey<string>("AmplifyAuthHandlers.SignatureFirstDifference"), "line");

        SignatureMismatchDiagnosis.Forget(request);

        Assert.That(SignatureMismatchDiagnosis.FirstDifference(request), Is.Null);
    }
}
