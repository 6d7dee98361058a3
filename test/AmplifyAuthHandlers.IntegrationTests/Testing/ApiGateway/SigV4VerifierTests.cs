using AmplifyAuthHandlers.Testing;
using AmplifyAuthHandlers.Testing.ApiGateway;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>The verifier's canonical forms where API Gateway's execute-api rules matter, read from its mismatch message.</summary>
[TestFixture]
public sealed class SigV4VerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 10, 0, TimeSpan.Zero);
    private static readonly LocalAwsCredentials Credentials = new("AKIDVERIFIERTESTS000", "secret", null, null, "p", null);

    [TestCase("/dev/a%20b/c+d", "/dev/a%2520b/c%2Bd")]
    [TestCase("/dev/%2F/%E2%82%AC", "/dev/%252F/%25E2%2582%25AC")]
    [TestCase("/dev//a/./b/../c/", "/dev/a/c/")]
    [TestCase("/dev/a/..", "/dev/")]
    [TestCase("/../..", "/")]
    [TestCase("", "/")]
    [TestCase("/dev/~user_-.x", "/dev/~user_-.x")]
    [TestCase("/dev/@:$", "/dev/%40%3A%24")]
    public void CanonicalUri_WirePath_NormalisedAndEncodedAgain(string rawPath, string expected) =>
        Assert.That(SigV4Verifier.CanonicalUri(rawPath), Is.EqualTo(expected));

    [TestCase("q=a+b", "q=a%20b")]
    [TestCase("q=%2B", "q=%2B")]
    [TestCase("b=2&a=1&a=0", "a=0&a=1&b=2")]
    [TestCase("flag&x=", "flag=&x=")]
    [TestCase("&&k=v&&", "k=v")]
    [TestCase("p=100%", "p=100%25")]
    [TestCase("e=%c3%a9&sp=%20", "e=%C3%A9&sp=%20")]
    [TestCase("B=1&a=1&_=1", "B=1&_=1&a=1")]
    public void Verify_Query_CanonicalisedAsApiGatewayPrintsIt(string rawQuery, string expected)
    {
        var message = Mismatch("GET", "/dev/items?" + rawQuery, Headers());

        Assert.That(message, Does.Contain($"'GET\n/dev/items\n{expected}\nhost:"));
    }

    [Test]
    public void Verify_RepeatedAndSpacedHeaders_JoinedWithCommaTrimmedAndCollapsed()
    {
        var headers = Headers("host;x-amz-date;x-multi;x-spaced");
        headers["X-Multi"] = new StringValues(["b", " a "]);
        headers["X-Spaced"] = "  one   two\tthree ";

        var message = Mismatch("GET", "/dev/items", headers);

        Assert.That(message, Does.Contain("\nx-multi:b,a\nx-spaced:one two three\n\nhost;x-amz-date;x-multi;x-spaced\n"));
    }

    [Test]
    public void Verify_ContentSha256NotTheBody_Refused()
    {
        var headers = Headers("host;x-amz-content-sha256;x-amz-date");
        headers["x-amz-content-sha256"] = new string('0', 64);

        var result = SigV4Verifier.Verify("POST", "/dev/items", headers, "body"u8, _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That(result.Kind, Is.EqualTo(SigV4ErrorKind.Signature));
        Assert.That(result.Message, Does.Contain("x-amz-content-sha256"));
    }

    [TestCase("20260101T000459Z", "Signature expired: 20260101T000459Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)")]
    [TestCase("20260101T001501Z", "Signature not yet current: 20260101T001501Z is still later than 20260101T001500Z (20260101T001000Z + 5 min.)")]
    public void Verify_OutsideTheFiveMinuteWindow_ApiGatewaysMessage(string amzDate, string expected)
    {
        var headers = Headers();
        headers["X-Amz-Date"] = amzDate;
        headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credentials.AccessKeyId}/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

        var result = SigV4Verifier.Verify("GET", "/dev/items", headers, [], _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That((result.ErrorType, result.Message), Is.EqualTo(("InvalidSignatureException", expected)));
    }

    [TestCase("20251231", "Date in Credential scope does not match YYYYMMDD")]
    [TestCase("20260101/eu-west-1", "Credential should be scoped to a valid region, not 'eu-west-1'. ")]
    public void Verify_ScopeMismatch_InvalidSignature(string scopeStart, string expected)
    {
        var scope = scopeStart.Contains('/', StringComparison.Ordinal) ? $"{scopeStart}/execute-api" : $"{scopeStart}/us-east-1/execute-api";
        var headers = Headers();
        headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credentials.AccessKeyId}/{scope}/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

        var result = SigV4Verifier.Verify("GET", "/dev/items", headers, [], _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That(result.ErrorType, Is.EqualTo("InvalidSignatureException"));
        Assert.That(result.Message, Does.StartWith(expected));
    }

    [Test]
    public void Verify_WrongService_InvalidSignature()
    {
        var headers = Headers();
        headers["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credentials.AccessKeyId}/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=00";

        var result = SigV4Verifier.Verify("GET", "/dev/items", headers, [], _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That(result.Message, Is.EqualTo("Credential should be scoped to correct service: 'execute-api'. "));
    }

    [Test]
    public void Verify_HostNotSigned_Incomplete()
    {
        var result = SigV4Verifier.Verify("GET", "/dev/items", Headers("x-amz-date"), [], _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That((result.ErrorType, result.Message), Is.EqualTo(("IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")));
    }

    [Test]
    public void Verify_PresignedMissingSignature_Incomplete()
    {
        var target = "/dev/items?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDVERIFIERTESTS000%2F20260101%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20260101T001000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host";

        var result = SigV4Verifier.Verify("GET", target, Headers(), [], _ => Credentials, "us-east-1", "execute-api", Now);

        Assert.That(result.ErrorType, Is.EqualTo("IncompleteSignatureException"));
        Assert.That(result.Message, Does.Contain("'X-Amz-Signature'"));
    }

    private static Dictionary<string, StringValues> Headers(string signedHeaders = "host;x-amz-date") => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Host"] = "127.0.0.1:5000",
        ["X-Amz-Date"] = "20260101T001000Z",
        ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credentials.AccessKeyId}/20260101/us-east-1/execute-api/aws4_request, SignedHeaders={signedHeaders}, Signature=0000",
    };

    private static string Mismatch(string method, string target, Dictionary<string, StringValues> headers)
    {
        var result = SigV4Verifier.Verify(method, target, headers, [], _ => Credentials, "us-east-1", "execute-api", Now);
        Assert.That(result.Kind, Is.EqualTo(SigV4ErrorKind.Signature), result.Message);
        return result.Message!;
    }
}
