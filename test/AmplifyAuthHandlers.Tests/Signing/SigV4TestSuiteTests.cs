using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Signing;

/// <summary>
/// Every case of the aws-c-auth v4 suite and the three botocore cases, byte for byte: canonical request, string to
/// sign and signature, for header signing and query signing. Each case runs through the raw-path entry point (the
/// request line exactly as written); the cases HttpClient can express run again through
/// <see cref="HttpRequestMessage"/> and the public API, and the ones it cannot are listed below with the reason.
/// </summary>
[TestFixture]
public sealed class SigV4TestSuiteTests
{
    /// <summary>Cases an <see cref="HttpRequestMessage"/> cannot carry as written, and why.</summary>
    private static readonly Dictionary<string, string> NotExpressibleAsHttpRequestMessage = new(StringComparer.Ordinal)
    {
        ["get-utf8"] = "System.Uri percent-encodes the raw UTF-8 path, so the wire path is /%E1%88%B4 and execute-api double encoding signs /%25E1%2588%25B4; the vector signs one encoding of the raw path.",
        ["get-space-normalized"] = "System.Uri sends the space as %20, which double encoding signs as %2520; the vector signs one encoding of the raw space.",
        ["get-space-unnormalized"] = "As get-space-normalized.",
        ["get-relative-unnormalized"] = "System.Uri removes dot segments before sending, so an unnormalised '..' path never reaches the wire.",
        ["get-relative-relative-unnormalized"] = "As get-relative-unnormalized.",
        ["get-slash-dot-slash-unnormalized"] = "System.Uri removes the '.' segment before sending.",
        ["get-slash-pointless-dot-unnormalized"] = "System.Uri removes the '.' segment before sending.",
        ["get-header-key-duplicate"] = "HttpClient sends repeated values of one header joined with \", \"; the vector joins them with \",\" (SendAsync_MultiValueHeader covers the HttpClient form).",
        ["get-header-value-order"] = "As get-header-key-duplicate.",
        ["get-header-value-multiline"] = "HttpClient refuses line breaks (obsolete line folding) in header values.",
    };

    public static IEnumerable<string> V4Cases() => SigV4TestCase.V4Names();

    public static IEnumerable<string> BotocoreCases() => SigV4TestCase.BotocoreNames();

    [Test]
    public void Suite_AllCasesPresent_ThirtyEightPlusThree()
    {
        Assert.That(V4Cases().Count(), Is.EqualTo(38));
        Assert.That(BotocoreCases().Count(), Is.EqualTo(3));
        Assert.That(NotExpressibleAsHttpRequestMessage.Keys, Is.SubsetOf(V4Cases()));
    }

    [TestCaseSource(nameof(V4Cases))]
    public void SignRaw_V4Case_MatchesHeaderVectorsByteForByte(string name)
    {
        SigV4TestCase testCase = SigV4TestCase.LoadV4(name);
        var trace = new SigV4Trace();

        string authorization = testCase.CreateSigner().SignRaw(
            testCase.Method, testCase.RawPath, testCase.RawQuery, testCase.Headers, testCase.Body,
            testCase.Credentials, testCase.Region, testCase.Service, testCase.Timestamp, trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Is.EqualTo(testCase.ReadExpected("header-canonical-request.txt")), "canonical request");
            Assert.That(trace.StringToSign, Is.EqualTo(testCase.ReadExpected("header-string-to-sign.txt")), "string to sign");
            Assert.That(trace.Signature, Is.EqualTo(testCase.ReadExpected("header-signature.txt")), "signature");
            Assert.That(authorization, Is.EqualTo(ExpectedAuthorization(testCase)), "Authorization");
        });
    }

    [TestCaseSource(nameof(V4Cases))]
    public void PresignRaw_V4Case_MatchesQueryVectorsByteForByte(string name)
    {
        SigV4TestCase testCase = SigV4TestCase.LoadV4(name);
        var trace = new SigV4Trace();

        string query = testCase.CreateSigner().PresignRaw(
            testCase.Method, testCase.RawPath, testCase.RawQuery, testCase.Headers, testCase.Body,
            testCase.Credentials, testCase.Region, testCase.Service, testCase.Timestamp, testCase.ExpiresSeconds, trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Is.EqualTo(testCase.ReadExpected("query-canonical-request.txt")), "canonical request");
            Assert.That(trace.StringToSign, Is.EqualTo(testCase.ReadExpected("query-string-to-sign.txt")), "string to sign");
            Assert.That(trace.Signature, Is.EqualTo(testCase.ReadExpected("query-signature.txt")), "signature");
            Assert.That(query, Does.EndWith("&X-Amz-Signature=" + testCase.ReadExpected("query-signature.txt")));
        });
    }

    [TestCaseSource(nameof(BotocoreCases))]
    public void SignRaw_BotocoreCase_MatchesVectorsByteForByte(string name)
    {
        SigV4TestCase testCase = SigV4TestCase.LoadBotocore(name);
        var trace = new SigV4Trace();

        string authorization = testCase.CreateSigner().SignRaw(
            testCase.Method, testCase.RawPath, testCase.RawQuery, testCase.Headers, testCase.Body,
            testCase.Credentials, testCase.Region, testCase.Service, testCase.Timestamp, trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Is.EqualTo(testCase.ReadExpected(".creq")), "canonical request");
            Assert.That(trace.StringToSign, Is.EqualTo(testCase.ReadExpected(".sts")), "string to sign");
            Assert.That(authorization, Is.EqualTo(testCase.ReadExpected(".authz")), "Authorization");
        });
    }

    [TestCaseSource(nameof(V4Cases))]
    public async Task SignAsync_V4CaseAsHttpRequestMessage_MatchesHeaderSignature(string name)
    {
        if (NotExpressibleAsHttpRequestMessage.TryGetValue(name, out string? reason))
        {
            Assert.Ignore("Not expressible as an HttpRequestMessage: " + reason);
        }

        SigV4TestCase testCase = SigV4TestCase.LoadV4(name);
        using HttpRequestMessage request = ToHttpRequestMessage(testCase);
        var signer = new AwsSigV4Signer(
            new FakeTimeProvider(testCase.Timestamp),
            new AwsSigV4SignerOptions { NormalizePath = testCase.Normalize, AddContentSha256Header = testCase.SignBody });

        await signer.SignAsync(request, testCase.Credentials, testCase.Region, testCase.Service);

        Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo(ExpectedAuthorization(testCase)));
    }

    [TestCaseSource(nameof(BotocoreCases))]
    public async Task SignAsync_BotocoreCaseAsHttpRequestMessage_MatchesAuthorization(string name)
    {
        SigV4TestCase testCase = SigV4TestCase.LoadBotocore(name);
        using HttpRequestMessage request = ToHttpRequestMessage(testCase);
        var signer = new AwsSigV4Signer(new FakeTimeProvider(testCase.Timestamp));

        await signer.SignAsync(request, testCase.Credentials, testCase.Region, testCase.Service);

        Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo(testCase.ReadExpected(".authz")));
    }

    [TestCaseSource(nameof(V4Cases))]
    public void Presign_V4CaseThroughPublicApi_MatchesQuerySignature(string name)
    {
        SigV4TestCase testCase = SigV4TestCase.LoadV4(name);
        if (NotExpressibleAsHttpRequestMessage.TryGetValue(name, out string? reason))
        {
            Assert.Ignore("Not expressible as a System.Uri request: " + reason);
        }

        if (testCase.Headers.Count != 1 || testCase.Body.Length != 0)
        {
            Assert.Ignore("Presign(HttpMethod, Uri, …) signs only host and an empty payload; this case signs more headers or a body (covered by PresignRaw).");
        }

        var signer = new AwsSigV4Signer(new FakeTimeProvider(testCase.Timestamp), new AwsSigV4SignerOptions { NormalizePath = testCase.Normalize });
        Uri uri = new("https://" + testCase.Headers[0].Value + testCase.RawPath + (testCase.RawQuery.Length > 0 ? "?" + testCase.RawQuery : ""));

        Uri presigned = signer.Presign(new HttpMethod(testCase.Method), uri, testCase.Credentials, testCase.Region, testCase.Service, TimeSpan.FromSeconds(testCase.ExpiresSeconds));

        Assert.That(presigned.Query, Does.EndWith("&X-Amz-Signature=" + testCase.ReadExpected("query-signature.txt")));
    }

    private static string ExpectedAuthorization(SigV4TestCase testCase)
    {
        string signed = testCase.ReadExpected("header-signed-request.txt");
        string line = signed.Split('\n').Single(l => l.StartsWith("Authorization:", StringComparison.Ordinal));
        return line["Authorization:".Length..];
    }

    private static HttpRequestMessage ToHttpRequestMessage(SigV4TestCase testCase)
    {
        string host = testCase.Headers.Single(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
        string target = testCase.RawPath + (testCase.RawQuery.Length > 0 ? "?" + testCase.RawQuery : "");
        var request = new HttpRequestMessage(new HttpMethod(testCase.Method), new Uri("https://" + host + target));
        bool hasContentHeaders = testCase.Headers.Exists(h => h.Name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase));
        if (testCase.Body.Length > 0 || hasContentHeaders)
        {
            request.Content = new ByteArrayContent(testCase.Body);
        }

        foreach (SignableHeader header in testCase.Headers)
        {
            if (header.Name.Equals("Host", StringComparison.OrdinalIgnoreCase) || header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpClient derives both: Host from the URI, Content-Length from the content.
            }

            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value))
            {
                Assert.That(request.Content!.Headers.TryAddWithoutValidation(header.Name, header.Value), Is.True, header.Name);
            }
        }

        return request;
    }
}
