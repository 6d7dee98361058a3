using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Signing;

/// <summary>
/// A second opinion: AWSSDK.Core 4.1's public <see cref="AWSSigV4Signer"/> signs the same generated requests.
/// Its known deviations from the SigV4 rules are modelled explicitly, not tolerated: it always signs
/// <c>x-amz-content-sha256</c> (so our signer runs with that option on), it reads <c>+</c> in a query as a space,
/// and it sorts query parameters by their decoded key (and repeated keys by decoded value). For every request the SDK's signature must equal the
/// signature of <em>our</em> canonical request with only its query line rewritten the SDK's way; and where that
/// rewrite changes nothing, the two signatures must be equal outright.
/// </summary>
[TestFixture]
public sealed class AwsSdkCrossCheckTests
{
    private const int RequestCount = 400;
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 4, 30, 17, TimeSpan.Zero);

    private static readonly string[] PathPieces =
    [
        "items", "a b", "caf\u00e9", "\u1234", "\U0001F600", "x@y", "a:b", "!$&'()*,;=", "a+b", "%2F", "%20", "-._~", "Z9", "%41",
    ];

    private static readonly string[] QueryKeys = ["a", "a", "b", "Z", "_", "k+1", "x y", "caf\u00e9", "\u1234", "%2B", "a%20b", "~t", "A"];

    private static readonly string[] QueryValues = ["1", "", "two words", "a+b", "%2B", "\u00e9", "x=y", "/path", "%7E", "Q", "~", "a&"];

    [Test]
    public async Task SignAsync_GeneratedRequests_MatchAwsSdkCoreUpToItsKnownDeviations()
    {
        var random = new Random(20261126);
        var failures = new List<string>();
        int identical = 0;
        int modelled = 0;
        for (int i = 0; i < RequestCount; i++)
        {
            GeneratedRequest generated = Generate(random, i);
            (string ours, string sdk, string sdkModel) = await SignBothAsync(generated);
            if (sdk != sdkModel)
            {
                failures.Add($"#{i} {generated.Method} {generated.Uri.AbsoluteUri}: SDK signature differs from the modelled SDK canonical request");
            }

            if (sdkModel == ours)
            {
                identical++;
                if (sdk != ours)
                {
                    failures.Add($"#{i} {generated.Method} {generated.Uri.AbsoluteUri}: no deviation applies but the signatures differ");
                }
            }
            else
            {
                modelled++;
            }
        }

        Assert.That(failures, Is.Empty, string.Join('\n', failures.Take(10)));

        // The comparison must mostly be outright equality, with the deviations exercised too.
        Assert.That(identical, Is.GreaterThan(RequestCount / 2), $"identical {identical}, modelled {modelled}");
        Assert.That(modelled, Is.GreaterThan(10), $"identical {identical}, modelled {modelled}");
    }

    [Test]
    public async Task SignAsync_PlusInQuery_SignedAsSpaceLikeTheSdk()
    {
        var request = new GeneratedRequest(HttpMethod.Get, new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod/?q=a+b"), [], null, null);
        var twin = request with { Uri = new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod/?q=a%20b") };

        (string ours, string sdk, _) = await SignBothAsync(request);
        (_, string sdkTwin, _) = await SignBothAsync(twin);

        Assert.Multiple(() =>
        {
            Assert.That(ours, Is.EqualTo(sdk), "both read '+' in a query as a space");
            Assert.That(sdk, Is.EqualTo(sdkTwin), "the SDK signs '+' exactly like %20");
        });
    }

    [Test]
    public async Task SignAsync_QueryKeysWhoseDecodedOrderDiffers_SdkSortsDecoded()
    {
        // Encoded, "%C3%A9" < "a" ('%' < 'a'); decoded, "a" < "é".
        var request = new GeneratedRequest(HttpMethod.Get, new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod/?%C3%A9=1&a=2"), [], null, null);

        (string ours, string sdk, string sdkModel) = await SignBothAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(ours, Is.Not.EqualTo(sdk));
            Assert.That(sdk, Is.EqualTo(sdkModel));
        });
    }

    [Test]
    public async Task SignAsync_MoreHeadersThanThePooledList_MatchesAwsSdkCore()
    {
        var headers = Enumerable.Range(0, 24).Reverse().Select(i => ($"X-Custom-{i:D2}", "value " + i)).ToList();
        var request = new GeneratedRequest(HttpMethod.Post, new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod/items"), headers, "{}"u8.ToArray(), "FwoGZXIvYXdzE");

        (string ours, string sdk, _) = await SignBothAsync(request);

        Assert.That(ours, Is.EqualTo(sdk));
    }

    [TestCase(509)]
    [TestCase(510)]
    [TestCase(511)]
    [TestCase(512)]
    [TestCase(513)]
    [TestCase(600)]
    public async Task SignAsync_PathAroundTheStackBufferSize_MatchesAwsSdkCore(int length)
    {
        string path = "/prod/" + new string('p', length - 6 - 4) + "/end";
        var request = new GeneratedRequest(HttpMethod.Get, new Uri("https://abc.execute-api.us-east-1.amazonaws.com" + path), [], null, null);

        (string ours, string sdk, _) = await SignBothAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(request.Uri.AbsolutePath, Has.Length.EqualTo(length));
            Assert.That(ours, Is.EqualTo(sdk));
        });
    }

    [TestCase(31)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(40)]
    public async Task SignAsync_QueryParametersAroundTheStackBufferSize_MatchesAwsSdkCore(int count)
    {
        // Long values push the canonical request past the signer's first 4 KB buffer too.
        string query = string.Join('&', Enumerable.Range(0, count).Reverse().Select(i => $"k{i:D2}=" + new string((char)('a' + (i % 26)), 120)));
        var request = new GeneratedRequest(HttpMethod.Get, new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod?" + query), [], null, "FwoGZXIvYXdzE");

        (string ours, string sdk, _) = await SignBothAsync(request);

        Assert.That(ours, Is.EqualTo(sdk));
    }

    [TestCase(1)]
    [TestCase(604_800)]
    public void Presign_ExpiryAtEachBound_MatchesAwsSdkCore(int seconds)
    {
        var uri = new Uri("https://abc.execute-api.us-east-1.amazonaws.com/prod/items?b=2&a=1");
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        var signer = new AwsSigV4Signer(new FakeTimeProvider(Now));

        Uri ours = signer.Presign(HttpMethod.Get, uri, credentials, "us-east-1", "execute-api", TimeSpan.FromSeconds(seconds));
        PresignResult sdk = AWSSigV4Signer.Presign(
            new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = uri },
            new AWSSigV4Parameters
            {
                Credentials = new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey),
                Region = RegionEndpoint.USEast1,
                Service = "execute-api",
                SignedAt = Now.UtcDateTime,
            },
            TimeSpan.FromSeconds(seconds));

        Assert.Multiple(() =>
        {
            Assert.That(QueryParameter(ours, "X-Amz-Expires"), Is.EqualTo(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(QueryParameter(sdk.Uri, "X-Amz-Expires"), Is.EqualTo(QueryParameter(ours, "X-Amz-Expires")));
            Assert.That(QueryParameter(ours, "X-Amz-Signature"), Is.EqualTo(QueryParameter(sdk.Uri, "X-Amz-Signature")));
        });
    }

    private static string QueryParameter(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&').Single(p => p.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    private static async Task<(string Ours, string Sdk, string SdkModel)> SignBothAsync(GeneratedRequest generated)
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", generated.SessionToken);
        const string Region = "us-east-1";
        const string Service = "execute-api";
        var signer = new AwsSigV4Signer(new FakeTimeProvider(Now), new AwsSigV4SignerOptions { AddContentSha256Header = true });

        using var request = new HttpRequestMessage(generated.Method, generated.Uri);
        var sdkRequest = new AWSSigningRequest { HttpMethod = generated.Method, RequestUri = generated.Uri };
        foreach ((string name, string value) in generated.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
            sdkRequest.Headers[name] = value;
        }

        if (generated.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            sdkRequest.Content = body;
            sdkRequest.Headers["Content-Type"] = "application/json";
            sdkRequest.Headers["Content-Length"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await signer.SignAsync(request, credentials, Region, Service);
        string ours = Signature(request.Headers.GetValues("Authorization").Single());

        AWSCredentials sdkCredentials = generated.SessionToken is null
            ? new BasicAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey)
            : new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, generated.SessionToken);
        AWSSigningResult result = AWSSigV4Signer.Sign(sdkRequest, new AWSSigV4Parameters
        {
            Credentials = sdkCredentials,
            Region = RegionEndpoint.GetBySystemName(Region),
            Service = Service,
            SignPayload = true,
            SignedAt = Now.UtcDateTime,
        });
        string sdk = Signature(result.Headers["Authorization"]);

        // Our canonical request for the same request, with the query line rewritten the SDK's way.
        var trace = new SigV4Trace();
        var headers = new List<SignableHeader> { new("host", AwsSigV4Signer.HostOf(generated.Uri)) };
        headers.AddRange(generated.Headers.Select(h => new SignableHeader(h.Name, h.Value)));
        if (generated.Body is { } b)
        {
            headers.Add(new("Content-Type", "application/json"));
            headers.Add(new("Content-Length", b.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        signer.SignRaw(generated.Method.Method, generated.Uri.AbsolutePath, generated.Uri.Query.TrimStart('?'), headers, generated.Body ?? [], credentials, Region, Service, Now, trace);
        Assert.That(trace.Signature, Is.EqualTo(ours), "raw entry point and HttpRequestMessage agree");
        string[] lines = trace.CanonicalRequest.Split('\n');
        lines[2] = SdkCanonicalQuery(generated.Uri.Query.TrimStart('?'));
        string model = SignCanonicalRequest(string.Join('\n', lines), credentials, trace.StringToSign);
        return (ours, sdk, model);
    }

    /// <summary>The SDK's way: '+' is a space, parameters sort by decoded key, then decoded value.</summary>
    private static string SdkCanonicalQuery(string query)
    {
        var pairs = new List<(string DecodedKey, string DecodedValue, string Key, string Value)>();
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString((equals < 0 ? pair : pair[..equals]).Replace('+', ' '));
            string value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            pairs.Add((key, value, Uri.EscapeDataString(key), Uri.EscapeDataString(value)));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.DecodedKey, StringComparer.Ordinal)
            .ThenBy(p => p.DecodedValue, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));
    }

    private static string SignCanonicalRequest(string canonicalRequest, AwsCredentials credentials, string ourStringToSign)
    {
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));
        string[] sts = ourStringToSign.Split('\n');
        sts[3] = hash;
        string[] scope = sts[2].Split('/');
        byte[] key = new byte[32];
        SigningKeyCache.Derive(credentials.SecretAccessKey, Encoding.ASCII.GetBytes(scope[0]), scope[1], scope[2], key);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Join('\n', sts))));
    }

    private static string Signature(string authorization) => authorization[(authorization.LastIndexOf('=') + 1)..];

    private static GeneratedRequest Generate(Random random, int index)
    {
        HttpMethod method = random.Next(4) switch { 0 => HttpMethod.Get, 1 => HttpMethod.Post, 2 => HttpMethod.Put, _ => HttpMethod.Delete };
        string host = random.Next(3) == 0 ? "localhost:8443" : "a1b2c3.execute-api.us-east-1.amazonaws.com";
        var path = new StringBuilder();
        int segments = random.Next(0, 5);
        for (int s = 0; s < segments; s++)
        {
            path.Append('/').Append(PathPieces[random.Next(PathPieces.Length)]);
            if (random.Next(3) == 0)
            {
                path.Append(PathPieces[random.Next(PathPieces.Length)]);
            }
        }

        if (segments == 0 || random.Next(5) == 0)
        {
            path.Append('/');
        }

        var query = new StringBuilder();
        int parameters = random.Next(0, 6);
        for (int p = 0; p < parameters; p++)
        {
            query.Append(p == 0 ? '?' : '&').Append(QueryKeys[random.Next(QueryKeys.Length)]);
            int shape = random.Next(6);
            if (shape == 0)
            {
                continue; // a bare key
            }

            string value = QueryValues[random.Next(QueryValues.Length)];
            query.Append('=').Append(shape == 1 ? Uri.EscapeDataString(value) : value.Replace("&", "%26", StringComparison.Ordinal));
        }

        var headers = new List<(string, string)>();
        int headerCount = random.Next(0, 4);
        for (int h = 0; h < headerCount; h++)
        {
            headers.Add(($"X-Custom-{h}", random.Next(3) switch { 0 => "plain", 1 => "  padded   inner  spaces ", _ => "v" + index }));
        }

        byte[]? body = method == HttpMethod.Post || method == HttpMethod.Put
            ? Encoding.UTF8.GetBytes("{\"n\":" + index + ",\"s\":\"" + new string('x', random.Next(0, 300)) + "\"}")
            : null;
        string? token = random.Next(2) == 0 ? "FwoGZXIvYXdzE" + index : null;
        return new GeneratedRequest(method, new Uri("https://" + host + path + query), headers, body, token);
    }

    private sealed record GeneratedRequest(HttpMethod Method, Uri Uri, List<(string Name, string Value)> Headers, byte[]? Body, string? SessionToken);
}
