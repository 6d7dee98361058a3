using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
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

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await Sign(request, Credentials));

        Assert.That(error!.ParamName, Is.EqualTo("request"));
        Assert.That(error.Message, Does.StartWith("Only a request with an absolute RequestUri can be signed."));
    }

    [Test]
    public void SignRawAndPresignRaw_EmptyRegion_ThrowBeforeSigning()
    {
        var signer = new AwsSigV4Signer(_time);
        SignableHeader[] headers = [new("host", "example.amazonaws.com")];

        Assert.Multiple(() =>
        {
            Assert.That(
                Assert.Throws<ArgumentException>(() => signer.SignRaw("GET", "/", "", headers, [], Credentials, "", Service, Now, null))!.ParamName,
                Is.EqualTo("region"));
            Assert.That(
                Assert.Throws<ArgumentException>(() => signer.PresignRaw("GET", "/", "", headers, [], Credentials, "", Service, Now, 60, null))!.ParamName,
                Is.EqualTo("region"));
        });
    }

    [Test]
    public async Task SignAsync_TransferEncodingChunkedWithADeclaredContentLength_ContentLengthNotSigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Content.Headers.ContentLength = 2;
        request.Headers.TransferEncodingChunked = true;

        await Sign(request, Credentials);

        Assert.That(SignedHeaders(request), Is.EqualTo("host;x-amz-date"));
    }

    [Test]
    public async Task SignAsync_UnsignableNameAmongContentHeaders_NotSigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        Assert.That(request.Content.Headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/api"), Is.True);

        await Sign(request, Credentials);

        Assert.That(SignedHeaders(request), Is.EqualTo("content-length;host;x-amz-date"));
    }

    [Test]
    public async Task SignAsync_PooledHeaderListAndBuffer_ClearedAndReturned()
    {
        // Arrays planted in this thread's pool slots are the ones the signer rents: after signing they are back in
        // the slots (the next rent gets them again) and hold neither a header nor the canonical request.
        SignableHeader[] plantedList = ArrayPool<SignableHeader>.Shared.Rent(16);
        ArrayPool<SignableHeader>.Shared.Return(plantedList);
        byte[] plantedBuffer = PlantBytes(4096);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        await Sign(request, SessionCredentials);

        SignableHeader[] list = ArrayPool<SignableHeader>.Shared.Rent(16);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        ArrayPool<SignableHeader>.Shared.Return(list);
        ArrayPool<byte>.Shared.Return(buffer);
        Assert.Multiple(() =>
        {
            Assert.That(list, Is.SameAs(plantedList));
            Assert.That(list, Is.All.EqualTo(default(SignableHeader)));
            Assert.That(buffer, Is.SameAs(plantedBuffer));
            Assert.That(buffer.Take(64), Is.All.Zero, "the canonical request (with the session token) is cleared");
        });
    }

    [Test]
    public async Task SignAsync_MoreHeadersThanThePooledList_FirstListReturnedToThePool()
    {
        SignableHeader[] planted = ArrayPool<SignableHeader>.Shared.Rent(16);
        ArrayPool<SignableHeader>.Shared.Return(planted);
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        for (int i = 0; i < 20; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-H{i:D2}", "value-" + i);
        }

        await Sign(request, SessionCredentials);

        SignableHeader[] small = ArrayPool<SignableHeader>.Shared.Rent(16);
        ArrayPool<SignableHeader>.Shared.Return(small);
        Assert.That(small, Is.SameAs(planted));
    }

    [Test]
    public void PresignRaw_PooledBuffers_ClearedAndReturned()
    {
        byte[] plantedNames = PlantBytes(256);
        byte[] plantedBuffer = PlantBytes(4096);
        var signer = new AwsSigV4Signer(_time);

        string query = signer.PresignRaw("GET", "/", "", [new("host", "example.amazonaws.com")], [], SessionCredentials, Region, Service, Now, 60, null);

        byte[] names = ArrayPool<byte>.Shared.Rent(256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(4096);
        ArrayPool<byte>.Shared.Return(names);
        ArrayPool<byte>.Shared.Return(buffer);
        Assert.Multiple(() =>
        {
            Assert.That(query, Does.Contain("&X-Amz-SignedHeaders=host&X-Amz-Signature="));
            Assert.That(names, Is.SameAs(plantedNames));
            Assert.That(names.Take(4), Is.All.Zero, "the signed header names are cleared");
            Assert.That(buffer, Is.SameAs(plantedBuffer));
            Assert.That(buffer.Take(64), Is.All.Zero, "the canonical request is cleared");
        });
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

    [Test]
    public async Task SignAsync_FileStreamContent_HashesTheFileFromWhereTheContentStartsAndRewinds()
    {
        using var file = new TempFile("body.bin", null);
        byte[] bytes = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(file.Path, bytes);
        await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 4096, useAsync: true) { Position = 10 };
        var content = new StreamContent(stream);
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://abc.execute-api.eu-west-1.amazonaws.com/prod/upload") { Content = content };
        var trace = new SigV4Trace();

        await SignWithPayloadHeader(request, trace);
        long positionAfterSigning = stream.Position;
        byte[] sent = await SendBody(content);

        Assert.Multiple(() =>
        {
            Assert.That(request.Content, Is.SameAs(content));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(bytes.AsSpan(10))));
            Assert.That(trace.CanonicalRequest, Does.EndWith("\n" + Sha256Hex(bytes.AsSpan(10))));
            Assert.That(positionAfterSigning, Is.EqualTo(10));
            Assert.That(sent, Is.EqualTo(bytes[10..]));
        });
    }

    [Test]
    public async Task SignAsync_NonSeekableStreamWithoutPayloadHeader_SignsTheHashOfTheBody()
    {
        byte[] body = Encoding.UTF8.GetBytes("forward only, signed without x-amz-content-sha256");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new StreamContent(new ForwardOnlyStream(body)),
        };
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace);

        Assert.That(trace.CanonicalRequest, Does.EndWith("\n" + Sha256Hex(body)));
    }

    [Test]
    public async Task SignAsync_NonSeekableStreamDeclaringTooShortALength_SendsAndSignsTheLengthBuffered()
    {
        byte[] body = Encoding.UTF8.GetBytes("ten bytes!");
        var content = new StreamContent(new ForwardOnlyStream(body));
        content.Headers.ContentLength = 3;
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace);

        Assert.Multiple(async () =>
        {
            Assert.That(request.Content!.Headers.ContentLength, Is.EqualTo(10));
            Assert.That(await request.Content.ReadAsByteArrayAsync(), Is.EqualTo(body));
            Assert.That(trace.CanonicalRequest, Does.Contain("\ncontent-length:10\n"));
        });
    }

    [Test]
    public async Task SignAsync_NonSeekableStreamDeclaringExactlyTheLimit_Buffered()
    {
        byte[] body = new byte[64];
        var content = new StreamContent(new ForwardOnlyStream(body));
        content.Headers.ContentLength = 64;
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };

        await new AwsSigV4Signer(_time, new AwsSigV4SignerOptions { AddContentSha256Header = true, MaxBufferedPayloadBytes = 64 }).SignAsync(request, Credentials, Region, Service);

        Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(body)));
    }

    [Test]
    public void SignAsync_NonSeekableStreamOverTheSignersLimit_RefusedNamingTheOption()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new StreamContent(new ForwardOnlyStream(new byte[65])),
        };
        var signer = new AwsSigV4Signer(_time, new AwsSigV4SignerOptions { MaxBufferedPayloadBytes = 64 });

        var error = Assert.ThrowsAsync<AmplifyRequestBodyTooLargeException>(async () => await signer.SignAsync(request, Credentials, Region, Service));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Limit, Is.EqualTo(64));
            Assert.That(error.EndpointName, Is.Null);
            Assert.That(error.Message, Does.Contain("AwsSigV4SignerOptions.MaxBufferedPayloadBytes"));
            Assert.That(request.Headers.Contains("Authorization"), Is.False);
        });
    }

    [Test]
    public async Task SignAsync_StreamContentSubclass_BufferedLikeOtherContent()
    {
        byte[] body = Encoding.UTF8.GetBytes("a subclass may serialise differently from its stream");
        var content = new PrefixedStreamContent(new MemoryStream(body));
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = content };

        await SignWithPayloadHeader(request);
        byte[] sent = await request.Content!.ReadAsByteArrayAsync();

        Assert.Multiple(() =>
        {
            Assert.That(request.Content, Is.Not.SameAs(content));
            Assert.That(sent, Is.EqualTo("prefix:"u8.ToArray().Concat(body).ToArray()));
            Assert.That(PayloadHeader(request), Is.EqualTo(Sha256Hex(sent)));
        });
    }

    [Test]
    public async Task SignAsync_StringAndFormContent_HashedInPlace()
    {
        var json = new StringContent("{\"a\":1}", Encoding.UTF8, "application/json");
        var form = new FormUrlEncodedContent([new("a", "b c"), new("d", "&")]);
        using var jsonRequest = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = json };
        using var formRequest = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod") { Content = form };

        await SignWithPayloadHeader(jsonRequest);
        await SignWithPayloadHeader(formRequest);

        Assert.Multiple(() =>
        {
            Assert.That(jsonRequest.Content, Is.SameAs(json));
            Assert.That(formRequest.Content, Is.SameAs(form));
            Assert.That(PayloadHeader(jsonRequest), Is.EqualTo(Sha256Hex("{\"a\":1}"u8)));
            Assert.That(PayloadHeader(formRequest), Is.EqualTo(Sha256Hex("a=b+c&d=%26"u8)));
        });
    }

    [Test]
    public async Task SignAsync_TransferEncodingChunked_ContentLengthNotSignedOtherContentHeadersAre()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = true;

        await Sign(request, Credentials);

        Assert.That(SignedHeaders(request), Is.EqualTo("content-type;host;x-amz-date"));
    }

    [Test]
    public async Task SignAsync_TransferEncodingChunkedWithoutContent_SignsTheRest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("X-Custom", "1");

        await Sign(request, Credentials);

        Assert.That(SignedHeaders(request), Is.EqualTo("host;x-amz-date;x-custom"));
    }

    [Test]
    public async Task SignAsync_MoreHeadersThanThePooledList_AllSignedAndPooledListsLeftEmpty()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        for (int i = 0; i < 20; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-H{i:D2}", "value-" + i);
        }

        var trace = new SigV4Trace();

        await new AwsSigV4Signer(_time).SignAsync(request, SessionCredentials, Region, Service, Now, trace, CancellationToken.None);
        SignableHeader[] small = ArrayPool<SignableHeader>.Shared.Rent(16);
        SignableHeader[] large = ArrayPool<SignableHeader>.Shared.Rent(32);
        try
        {
            string expected = "host;x-amz-date;x-amz-security-token;" + string.Join(';', Enumerable.Range(0, 20).Select(i => $"x-h{i:D2}"));
            Assert.Multiple(() =>
            {
                Assert.That(SignedHeaders(request), Is.EqualTo(expected));
                Assert.That(trace.CanonicalRequest, Does.Contain("\nx-h00:value-0\n").And.Contain("\nx-h19:value-19\n"));
                Assert.That(small, Is.All.EqualTo(default(SignableHeader)), "the first list, returned when it grew, holds no header (values include the session token)");
                Assert.That(large, Is.All.EqualTo(default(SignableHeader)), "the grown list is cleared before it goes back");
            });
        }
        finally
        {
            ArrayPool<SignableHeader>.Shared.Return(small);
            ArrayPool<SignableHeader>.Shared.Return(large);
        }
    }

    [Test]
    public async Task SignAsync_IPv6LoopbackOnAPort_SignsTheBracketedHostWithPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://[::1]:8443/prod");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace);

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Does.Contain("\nhost:[::1]:8443\n"));
            Assert.That(AwsSigV4Signer.HostOf(new Uri("http://[::1]/")), Is.EqualTo("[::1]"));
        });
    }

    [Test]
    public async Task SignAsync_EmptyQueryAfterQuestionMark_SignsAnEmptyCanonicalQuery()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod?");
        var trace = new SigV4Trace();

        await Sign(request, Credentials, trace);

        Assert.That(trace.CanonicalRequest, Does.StartWith("GET\n/prod\n\nhost:"));
    }

    [Test]
    public async Task SignAsync_SameSecondThenNextDay_SameSignatureThenTheNextDaysScope()
    {
        var signer = new AwsSigV4Signer(_time);
        using var first = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        using var second = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        using var nextDay = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        await signer.SignAsync(first, Credentials, Region, Service);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await signer.SignAsync(second, Credentials, Region, Service);
        _time.Advance(TimeSpan.FromDays(1));
        await signer.SignAsync(nextDay, Credentials, Region, Service);

        Assert.Multiple(() =>
        {
            Assert.That(second.Headers.GetValues("Authorization").Single(), Is.EqualTo(first.Headers.GetValues("Authorization").Single()));
            Assert.That(nextDay.Headers.GetValues("X-Amz-Date").Single(), Is.EqualTo("20261127T050607Z"));
            Assert.That(nextDay.Headers.GetValues("Authorization").Single(), Does.Contain("/20261127/eu-west-1/execute-api/aws4_request"));
            Assert.That(signer.SigningKeys.Count, Is.EqualTo(1), "the earlier day's key is dropped");
        });
    }

    [Test]
    public async Task SignAsync_SameDayManyTimes_OneSigningKey()
    {
        var signer = new AwsSigV4Signer(_time);
        foreach (var time in new[] { new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 12, 0, 1, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
            await signer.SignAsync(request, Credentials, Region, Service, time, CancellationToken.None);
        }

        Assert.That(signer.SigningKeys.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task SignAsync_OptionsChangedAfterConstruction_SignerKeepsItsCopy()
    {
        var options = new AwsSigV4SignerOptions();
        var signer = new AwsSigV4Signer(_time, options);
        options.AddContentSha256Header = true;
        options.NormalizePath = false;
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod//a");
        var trace = new SigV4Trace();

        await signer.SignAsync(request, Credentials, Region, Service, Now, trace, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(request.Headers.Contains("x-amz-content-sha256"), Is.False);
            Assert.That(trace.CanonicalRequest.Split('\n')[1], Is.EqualTo("/prod/a"));
        });
    }

    [Test]
    public void SignAsync_CanceledToken_ThrowsBeforeTouchingTheRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        request.Headers.TryAddWithoutValidation("Authorization", "caller's");

        Assert.ThrowsAsync<OperationCanceledException>(async () => await new AwsSigV4Signer(_time).SignAsync(request, Credentials, Region, Service, new CancellationToken(canceled: true)));
        Assert.That(request.Headers.GetValues("Authorization").Single(), Is.EqualTo("caller's"));
    }

    [Test]
    public void SignAsync_NoRequestUri_ThrowsNamingTheRequest()
    {
        using var request = new HttpRequestMessage();

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await Sign(request, Credentials));

        Assert.That(error!.ParamName, Is.EqualTo("request"));
    }

    [Test]
    public void SignAsync_NullArguments_ThrowArgumentNullNamingThem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var signer = new AwsSigV4Signer(_time);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.ThrowsAsync<ArgumentNullException>(async () => await signer.SignAsync(null!, Credentials, Region, Service))!.ParamName, Is.EqualTo("request"));
            Assert.That(Assert.ThrowsAsync<ArgumentNullException>(async () => await signer.SignAsync(request, null!, Region, Service))!.ParamName, Is.EqualTo("credentials"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new AwsSigV4Signer(null!))!.ParamName, Is.EqualTo("timeProvider"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new AwsSigV4Signer(_time, null!))!.ParamName, Is.EqualTo("options"));
        });
    }

    [TestCase("", "execute-api", "region")]
    [TestCase("eu-west-1", "", "service")]
    public void SignAsync_EmptyRegionOrService_ThrowsNamingIt(string region, string service, string parameter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await new AwsSigV4Signer(_time).SignAsync(request, Credentials, region, service));

        Assert.That(error!.ParamName, Is.EqualTo(parameter));
    }

    [Test]
    public void SignAsync_EmptyAccessKeyId_ThrowsNamingTheCredentials()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://abc.execute-api.eu-west-1.amazonaws.com/prod");

        var error = Assert.ThrowsAsync<ArgumentException>(async () => await Sign(request, new AwsCredentials("", "secret")));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("credentials"));
            Assert.That(error.Message, Does.Contain("non-empty access key ID"));
        });
    }

    [TestCase(1.0, "1")]
    [TestCase(1.9, "1")]
    [TestCase(604_800.0, "604800")]
    public void Presign_ExpiryWithinBounds_SignsTheWholeSeconds(double seconds, string expires)
    {
        Uri presigned = new AwsSigV4Signer(_time).Presign(
            HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod"), Credentials, Region, Service, TimeSpan.FromSeconds(seconds));

        Assert.That(presigned.Query, Does.Contain("&X-Amz-Expires=" + expires + "&"));
    }

    [TestCase(0.0)]
    [TestCase(0.999)]
    [TestCase(-1.0)]
    [TestCase(604_801.0)]
    public void Presign_ExpiryOutsideOneSecondToSevenDays_ThrowsNamingExpiresIn(double seconds)
    {
        var signer = new AwsSigV4Signer(_time);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            signer.Presign(HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod"), Credentials, Region, Service, TimeSpan.FromSeconds(seconds)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.ParamName, Is.EqualTo("expiresIn"));
            Assert.That(error.ActualValue, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
            Assert.That(error.Message, Does.Contain("1 second to 7 days"));
        });
    }

    [Test]
    public void Presign_NoQueryAndAFragment_QueryHoldsOnlyTheSignatureFragmentKept()
    {
        Uri presigned = new AwsSigV4Signer(_time).Presign(
            HttpMethod.Get, new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod/items#part"), SessionCredentials with { SessionToken = "a/b+c=" }, Region, Service, TimeSpan.FromSeconds(60));

        Assert.Multiple(() =>
        {
            Assert.That(presigned.GetLeftPart(UriPartial.Path), Is.EqualTo("https://abc.execute-api.eu-west-1.amazonaws.com/prod/items"));
            Assert.That(presigned.Query, Does.Match(
                "^\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261126%2Feu-west-1%2Fexecute-api%2Faws4_request" +
                "&X-Amz-Date=20261126T050607Z&X-Amz-Expires=60&X-Amz-Security-Token=a%2Fb%2Bc%3D&X-Amz-SignedHeaders=host&X-Amz-Signature=[0-9a-f]{64}$"));
            Assert.That(presigned.Fragment, Is.EqualTo("#part"));
        });
    }

    [Test]
    public void Presign_InvalidArguments_ThrowTheDocumentedExceptions()
    {
        var signer = new AwsSigV4Signer(_time);
        var uri = new Uri("https://abc.execute-api.eu-west-1.amazonaws.com/prod");
        var minute = TimeSpan.FromMinutes(1);

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => signer.Presign(null!, uri, Credentials, Region, Service, minute))!.ParamName, Is.EqualTo("method"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => signer.Presign(HttpMethod.Get, null!, Credentials, Region, Service, minute))!.ParamName, Is.EqualTo("uri"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => signer.Presign(HttpMethod.Get, uri, null!, Region, Service, minute))!.ParamName, Is.EqualTo("credentials"));
            var relative = Assert.Throws<ArgumentException>(() => signer.Presign(HttpMethod.Get, new Uri("/prod", UriKind.Relative), Credentials, Region, Service, minute));
            Assert.That(relative!.ParamName, Is.EqualTo("uri"));
            Assert.That(relative.Message, Does.StartWith("Only an absolute URI can be presigned."));
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

    /// <summary>Puts an array of <paramref name="size"/> bytes, all 0xFF, in this thread's pool slot for that size.</summary>
    private static byte[] PlantBytes(int size)
    {
        byte[] planted = ArrayPool<byte>.Shared.Rent(size);
        planted.AsSpan().Fill(0xFF);
        ArrayPool<byte>.Shared.Return(planted);
        return planted;
    }

    private static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A <see cref="StreamContent"/> subclass that writes a prefix before the stream: its bytes are not its stream's.</summary>
    private sealed class PrefixedStreamContent(Stream stream) : StreamContent(stream)
    {
        protected override async Task SerializeToStreamAsync(Stream target, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await target.WriteAsync("prefix:"u8.ToArray(), cancellationToken);
            await base.SerializeToStreamAsync(target, context, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
