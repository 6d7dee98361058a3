using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class AwsSigV4SignerTests
{
    private const string Region = "eu-west-1";
    private const string Service = "execute-api";
    private const string EmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 6, 7, TimeSpan.Zero);
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly AwsCredentials SessionCredentials = Credentials with { SessionToken = "FwoGZXIvYXdzEXAMPLETOKEN" };

    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp() => _time = new FakeTimeProvider(Now);

    [Test]
    public async Task SignAsync_Get_AddsDateAndAuthorizationForTheScope()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod/items");

        await new AwsSigV4Signer(_time).SignAsync(request, Credentials, Region, Service);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261126T050607Z"));
            Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Match(
                "^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261126/eu-west-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$"));
            Assert.That(request.Headers.Contains("X-Amz-Security-Token"), Is.False);
            Assert.That(request.Headers.Contains("x-amz-content-sha256"), Is.False);
        });
    }

    [Test]
    public async Task SignAsync_SessionToken_AddsAndSignsSecurityToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var trace = new SigV4Trace();

        await Sign(request, SessionCredentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("X-Amz-Security-Token").Single(), Is.EqualTo("FwoGZXIvYXdzEXAMPLETOKEN"));
            Assert.That(trace.CanonicalRequest, Does.Contain("\nx-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN\n"));
            Assert.That(SignedHeaders(request), Is.EqualTo("host;x-amz-date;x-amz-security-token"));
        });
    }

    [Test]
    public async Task SignWithDetailsAsync_AnySecret_ReturnsTheTextsTheSignatureCoversAndTheSameSignedHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?b=2&a=1")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        using var copy = new HttpRequestMessage(HttpMethod.Post, request.RequestUri)
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        var signer = new AwsSigV4Signer(_time);

        var details = await signer.SignWithDetailsAsync(request, SessionCredentials, Region, Service, Now);
        var other = await signer.SignWithDetailsAsync(copy, SessionCredentials with { SecretAccessKey = "another-secret" }, Region, Service, Now);

        Assert.Multiple(() =>
        {
            Assert.That(details.CanonicalRequest, Does.StartWith("POST\n/prod/items\na=1&b=2\n"));
            Assert.That(details.CanonicalRequest, Does.Contain("\nx-amz-security-token:FwoGZXIvYXdzEXAMPLETOKEN\n"));
            Assert.That(details.StringToSign, Does.StartWith("AWS4-HMAC-SHA256\n20261126T050607Z\n20261126/eu-west-1/execute-api/aws4_request\n"));
            Assert.That(details.StringToSign, Does.EndWith(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(details.CanonicalRequest)))));
            Assert.That(other.CanonicalRequest, Is.EqualTo(details.CanonicalRequest));
            Assert.That(other.StringToSign, Is.EqualTo(details.StringToSign));
            Assert.That(SignedHeaders(copy), Is.EqualTo(SignedHeaders(request)));
            Assert.That(details.ToString(), Does.Not.Contain("FwoGZX"));
        });
    }

    [Test]
    public async Task SignAsync_SameRequestSignedTwice_CarriesOneFreshSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var signer = new AwsSigV4Signer(_time, new AwsSigV4SignerOptions { AddContentSha256Header = true });
        await signer.SignAsync(request, SessionCredentials, Region, Service);
        string first = request.Headers.GetValues("Authorization").Single();

        _time.Advance(TimeSpan.FromSeconds(30));
        await signer.SignAsync(request, Credentials, Region, Service);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("Authorization").Single(), Is.Not.EqualTo(first));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261126T050637Z"));
            Assert.That(request.Headers.GetValues("x-amz-content-sha256"), Has.Exactly(1).Items);
            Assert.That(request.Headers.Contains("X-Amz-Security-Token"), Is.False, "the second credentials have no token");
            Assert.That(SignedHeaders(request), Is.EqualTo("host;x-amz-content-sha256;x-amz-date"));
        });
    }

    [Test]
    public async Task SignAsync_StaleSignatureHeadersFromCaller_ReplacedNotSigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 stale");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20200101T000000Z");
        request.Headers.TryAddWithoutValidation("x-amz-security-token", "stale-token");
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", "stale-hash");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Not.Contain("stale"));
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261126T050607Z"));
            Assert.That(request.Headers.Contains("X-Amz-Security-Token"), Is.False);
            Assert.That(request.Headers.Contains("X-Amz-Content-Sha256"), Is.False);
            Assert.That(trace.CanonicalRequest, Does.Not.Contain("stale"));
        });
    }

    [Test]
    public async Task SignAsync_NonDefaultPort_SignsHostWithPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://localhost:8443/prod");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest, Does.Contain("\nhost:localhost:8443\n"));
    }

    [Test]
    public async Task SignAsync_DefaultPortWritten_SignsHostWithoutPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com:443/prod");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest, Does.Contain("\nhost:abc.execute-api.eu-west-1.amazonaws.com\n"));
    }

    [Test]
    public async Task SignAsync_HostHeaderSet_SignsTheHostHeaderThatIsSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://10.0.0.5/prod");
        request.Headers.Host = "api.example.com";
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Does.Contain("\nhost:api.example.com\n"));
            Assert.That(trace.CanonicalRequest, Does.Not.Contain("10.0.0.5"));
        });
    }

    [Test]
    public async Task SignAsync_HopByHopAndProxyMutableHeaders_NotSigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.ConnectionClose = true;
        request.Headers.UserAgent.ParseAdd("test/1.0");
        request.Headers.ExpectContinue = true;
        request.Headers.Via.ParseAdd("1.1 proxy");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.0.0.1");
        request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", "Root=1-abc");
        request.Headers.TryAddWithoutValidation("Proxy-Authorization", "Basic xyz");
        request.Headers.TryAddWithoutValidation("Keep-Alive", "timeout=5");
        request.Headers.TryAddWithoutValidation("X-Amz-Meta-Color", "blue");
        request.Headers.Accept.ParseAdd("application/json");

        await Sign(request, Credentials);

        Assert.That(SignedHeaders(request), Is.EqualTo("accept;host;x-amz-date;x-amz-meta-color"));
    }

    [Test]
    public async Task SignAsync_ContentHeaders_SignedWithTheContentLengthSent()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json"),
        };
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(SignedHeaders(request), Is.EqualTo("content-length;content-type;host;x-amz-date"));
            Assert.That(trace.CanonicalRequest, Does.Contain("\ncontent-length:7\ncontent-type:application/json; charset=utf-8\n"));
        });
    }

    [Test]
    public async Task SignAsync_MultiValueHeader_SignedJoinedAsHttpClientSendsIt()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.Add("X-Multi", ["one", "two  three", "four"]);
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest, Does.Contain("\nx-multi:one, two three, four\n"));
    }

    [Test]
    public async Task SignAsync_HeaderValueWithRunsOfSpaces_SignedTrimmedAndCollapsed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.TryAddWithoutValidation("X-Spaces", "  a   b  ");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Does.Contain("\nx-spaces:a b\n"));
            Assert.That(request.Headers.GetValues("X-Spaces").Single(), Is.EqualTo("  a   b  "), "the header sent is untouched");
        });
    }

    [Test]
    public async Task SignAsync_EscapedSpaceAndAtInPath_SignsWirePathEncodedOnceMore()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod/a b/user@x//./c"));
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.Multiple(() =>
        {
            Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo("/prod/a%20b/user@x//c"), "what goes on the wire");
            Assert.That(trace.CanonicalRequest.Split('\n')[1], Is.EqualTo("/prod/a%2520b/user%40x/c"));
        });
    }

    [Test]
    public async Task SignAsync_S3StyleOptions_EncodesPathOnceWithoutNormalising()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://bucket.s3.amazonaws.com/a b//key"));
        var trace = new SigV4Trace();
        var signer = new AwsSigV4Signer(_time, new AwsSigV4SignerOptions { NormalizePath = false, DoubleEncodePath = false, AddContentSha256Header = true });

        await signer.SignAsync(request, Credentials, "us-east-1", "s3", Now, trace, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest.Split('\n')[1], Is.EqualTo("/a%20b//key"));
            Assert.That(request.Headers.GetValues("x-amz-content-sha256").Single(), Is.EqualTo(EmptyHash));
        });
    }

    [TestCase("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")]
    [TestCase("tracestate", "congo=t61rcWkgMzE")]
    [TestCase("baggage", "userId=alice")]
    [TestCase("Request-Id", "|abc.1.")]
    [TestCase("Correlation-Context", "k=v")]
    public async Task SignAsync_TraceContextHeader_IsNotSigned(string name, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod/x"));
        request.Headers.TryAddWithoutValidation(name, value);
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest, Does.Not.Contain(name.ToLowerInvariant()), "the diagnostics handler replaces it on every retry");
    }

    [Test]
    public async Task SignAsync_QueryWithPlusRepeatsAndBareKey_SignsCanonicalQuery()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod?b=2&a=x+y&flag&a=%C3%A9&b=1"));
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest.Split('\n')[2], Is.EqualTo("a=%C3%A9&a=x%20y&b=1&b=2&flag="));
    }

    [Test]
    public async Task SignAsync_NoBody_UsesPrecomputedEmptyPayloadHash()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace: trace);

        Assert.That(trace.CanonicalRequest, Does.EndWith("\n" + EmptyHash));
    }

    [Test]
    public async Task SignAsync_ByteArrayContent_HashesExactBytesInPlace()
    {
        byte[] body = Encoding.UTF8.GetBytes("xx{\"id\":42}yy");
        var content = new ByteArrayContent(body, 2, body.Length - 4);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };

        await SignWithPayloadHeader(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.Content, Is.SameAs(content));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body.AsSpan(2, body.Length - 4))));
        });
    }

    [Test]
    public async Task SignAsync_ReadOnlyMemoryContent_HashesExactBytesInPlace()
    {
        ReadOnlyMemory<byte> body = Encoding.UTF8.GetBytes("memory body").AsMemory(1, 6);
        var content = new ReadOnlyMemoryContent(body);
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };

        await SignWithPayloadHeader(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.Content, Is.SameAs(content));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body.Span)));
        });
    }

    [Test]
    public async Task SignAsync_SeekableStreamContent_HashedAndRewound()
    {
        byte[] body = Encoding.UTF8.GetBytes("seekable stream body");
        var stream = new MemoryStream(body);
        var content = new StreamContent(stream);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };

        await SignWithPayloadHeader(request);

        Assert.Multiple(async () =>
        {
            Assert.That(request.Content, Is.SameAs(content));
            Assert.That(stream.Position, Is.Zero);
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body)));
            Assert.That(await request.Content!.ReadAsByteArrayAsync(), Is.EqualTo(body));
        });
    }

    [Test]
    public async Task SignAsync_SeekableStreamContentRetriedAfterSend_HashesTheWholeBodyAgain()
    {
        byte[] body = Encoding.UTF8.GetBytes("prefix|the body after the prefix");
        var stream = new MemoryStream(body) { Position = 7 };
        var content = new StreamContent(stream);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };
        await SignWithPayloadHeader(request);
        byte[] firstSend = await SendBody(content);

        await SignWithPayloadHeader(request);
        long positionAfterRetrySigning = stream.Position;
        byte[] retrySend = await SendBody(content);

        Assert.Multiple(() =>
        {
            Assert.That(firstSend, Is.EqualTo(body[7..]));
            Assert.That(retrySend, Is.EqualTo(body[7..]));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body.AsSpan(7))));
            Assert.That(positionAfterRetrySigning, Is.EqualTo(7), "rewound to where the body starts");
        });
    }

    [Test]
    public async Task SignAsync_NonSeekableStreamContent_BufferedOnceAndReplaced()
    {
        byte[] body = Encoding.UTF8.GetBytes("a body that can be read only once");
        var content = new StreamContent(new ForwardOnlyStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };
        var trace = new SigV4Trace();

        await SignWithPayloadHeader(request, trace);

        Assert.Multiple(async () =>
        {
            Assert.That(request.Content, Is.Not.SameAs(content));
            Assert.That(request.Content!.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
            Assert.That(await request.Content.ReadAsByteArrayAsync(), Is.EqualTo(body));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body)));
            Assert.That(trace.CanonicalRequest, Does.Contain($"\ncontent-length:{body.Length}\n"));
        });
    }

    [Test]
    public async Task SignAsync_MultipartContent_WireBytesEqualHashedBytes()
    {
        var multipart = new MultipartFormDataContent("boundary-42")
        {
            { new StringContent("value"), "field" },
            { new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes("file bytes"))), "file", "a.txt" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = multipart };

        await SignWithPayloadHeader(request);
        byte[] sent = await request.Content!.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(sent)));
            Assert.That(Encoding.UTF8.GetString(sent), Does.Contain("file bytes").And.Contain("boundary-42"));
            Assert.That(request.Content.Headers.ContentType!.ToString(), Is.EqualTo("multipart/form-data; boundary=\"boundary-42\""));
        });
    }

    [Test]
    public async Task SignAsync_BufferedContentSignedAgain_SameHashWithoutRebuffering()
    {
        var content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes("retry me")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };
        await SignWithPayloadHeader(request);
        HttpContent buffered = request.Content!;
        string firstHash = PayloadHeader(request);

        await SignWithPayloadHeader(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.Content, Is.SameAs(buffered));
            Assert.That(PayloadHeader(request), Is.EqualTo(firstHash));
        });
    }

    [Test]
    public async Task SignAsync_InternalSigningTime_SignsAtThatTime()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var skewed = new DateTimeOffset(2026, 11, 27, 0, 0, 1, TimeSpan.Zero);

        await new AwsSigV4Signer(_time).SignAsync(request, Credentials, Region, Service, skewed, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261127T000001Z"));
            Assert.That(request.Headers.GetValues("Authorization").Single(), Does.Contain("/20261127/eu-west-1/"));
        });
    }

    [Test]
    public async Task SignAsync_ManyRequests_KeepsOneSigningKeyPerScope()
    {
        var signer = new AwsSigV4Signer(_time);
        for (int i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod/" + i);
            await signer.SignAsync(request, Credentials, Region, Service);
        }

        Assert.That(signer.SigningKeys.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task SignAsync_Headers_NeverCarryTheSecretKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        await Sign(request, SessionCredentials);

        Assert.That(request.Headers.ToString(), Does.Not.Contain(Credentials.SecretAccessKey));
    }

    [Test]
    public void SignAsync_RelativeUri_ThrowsArgumentException()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/prod", UriKind.Relative));

        Assert.ThrowsAsync<ArgumentException>(async () => await Sign(request, Credentials));
    }

    [Test]
    public void SignAsync_EmptySecret_ThrowsWithoutEchoingCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await Sign(request, new AwsCredentials("AKIDEXAMPLE", "")));

        Assert.That(error!.Message, Does.Contain("secret access key"));
    }

    [Test]
    public void Presign_Get_AddsSigV4QueryParametersAfterTheExistingQuery()
    {
        var signer = new AwsSigV4Signer(_time);

        Uri presigned = signer.Presign(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod?x=1"), SessionCredentials, Region, Service, TimeSpan.FromMinutes(5));

        Assert.That(presigned.Query, Does.Match(
            "^\\?x=1&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261126%2Feu-west-1%2Fexecute-api%2Faws4_request" +
            "&X-Amz-Date=20261126T050607Z&X-Amz-Expires=300&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLETOKEN&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$"));
    }

    [TestCase(0)]
    [TestCase(604801)]
    public void Presign_ExpiryOutOfRange_ThrowsArgumentOutOfRange(int seconds)
    {
        var signer = new AwsSigV4Signer(_time);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            signer.Presign(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod"), Credentials, Region, Service, TimeSpan.FromSeconds(seconds)));
    }

    [Test]
    public void Options_Defaults_AreTheNonS3Rules()
    {
        var options = new AwsSigV4SignerOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.AddContentSha256Header, Is.False);
            Assert.That(options.NormalizePath, Is.True);
            Assert.That(options.DoubleEncodePath, Is.True);
            Assert.That(options.SigningKeyCacheCapacity, Is.EqualTo(16));
        });
    }

    private ValueTask Sign(HttpRequestMessage request, AwsCredentials credentials, SigV4Trace? trace = null) =>
        new AwsSigV4Signer(_time).SignAsync(request, credentials, Region, Service, Now, trace, CancellationToken.None);

    private ValueTask SignWithPayloadHeader(HttpRequestMessage request, SigV4Trace? trace = null) =>
        new AwsSigV4Signer(_time, new AwsSigV4SignerOptions { AddContentSha256Header = true })
            .SignAsync(request, Credentials, Region, Service, Now, trace, CancellationToken.None);

    /// <summary>Serialises the content as the HTTP stack does when it sends it.</summary>
    private static async Task<byte[]> SendBody(HttpContent content)
    {
        using var wire = new MemoryStream();
        await content.CopyToAsync(wire);
        return wire.ToArray();
    }

    private static string PayloadHeader(HttpRequestMessage request) => request.Headers.GetValues("x-amz-content-sha256").Single();

    private static string SignedHeaders(HttpRequestMessage request)
    {
        string authorization = request.Headers.GetValues("Authorization").Single();
        int start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal) + "SignedHeaders=".Length;
        return authorization[start..authorization.IndexOf(',', start)];
    }

    private static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
