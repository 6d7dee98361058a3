using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using BenchmarkDotNet.Attributes;

namespace AmplifyAuthHandlers.Benchmarks;

/// <summary>
/// One signed request, three ways, side by side: this library's signer; AWSSDK.Core's public
/// <see cref="AWSSigV4Signer"/>; and the floor any SigV4 signer pays with a cached signing key (SHA-256 of the body,
/// SHA-256 over a canonical request of the same size, one HMAC-SHA256 over the string to sign, their hex forms,
/// with reused <see cref="IncrementalHash"/> objects). <see cref="BareSha256OfBody"/> is the speed limit for bodies.
/// </summary>
/// <remarks>On a shared machine other processes only ever add time, so <c>Min</c> is the steadiest column.</remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SigV4SigningBenchmarks
{
    private static readonly DateTimeOffset SigningTime = new(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);

    private AwsSigV4Signer _signer = null!;
    private AwsCredentials _credentials = null!;
    private HttpRequestMessage _request = null!;
    private AWSSigningRequest _sdkRequest = null!;
    private AWSSigV4Parameters _sdkParameters = null!;
    private byte[]? _body;
    private byte[] _canonicalRequest = null!;
    private byte[] _stringToSign = null!;
    private byte[] _signingKey = null!;
    private IncrementalHash _sha256 = null!;
    private IncrementalHash _hmac = null!;
    private readonly byte[] _hash = new byte[32];
    private readonly char[] _hex = new char[64];

    public enum Shape
    {
        Get5HeadersSessionToken,
        Post1KiBJson,
        Post1MiB,
    }

    [Params(Shape.Get5HeadersSessionToken, Shape.Post1KiBJson, Shape.Post1MiB)]
    public Shape Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // A Cognito identity-pool session token is about a kilobyte.
        string token = "IQoJb3JpZ2luX2VjE" + new string('A', 1000);
        _credentials = new AwsCredentials("ASIAEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);
        _signer = new AwsSigV4Signer(new FixedTimeProvider(SigningTime));
        var uri = new Uri("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items/42?expand=true&limit=10");
        _body = Case switch
        {
            Shape.Post1KiBJson => Encoding.UTF8.GetBytes("{\"items\":[" + string.Join(',', Enumerable.Range(0, 60).Select(i => "{\"id\":" + i + "}")) + "]}"),
            Shape.Post1MiB => Enumerable.Range(0, 1 << 20).Select(i => (byte)i).ToArray(),
            _ => null,
        };
        _request = new HttpRequestMessage(_body is null ? HttpMethod.Get : HttpMethod.Post, uri);
        _request.Headers.TryAddWithoutValidation("Accept", "application/json");
        _request.Headers.TryAddWithoutValidation("Accept-Language", "en-GB");
        _request.Headers.TryAddWithoutValidation("X-Request-Id", "6f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b");
        _request.Headers.TryAddWithoutValidation("X-Correlation-Id", "order-7731");
        _request.Headers.TryAddWithoutValidation("X-Client-Version", "2.4.1");
        if (_body is not null)
        {
            _request.Content = new ByteArrayContent(_body);
            _request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        _sdkRequest = new AWSSigningRequest { HttpMethod = _request.Method, RequestUri = uri, Content = _body };
        foreach (var header in _request.Headers)
        {
            _sdkRequest.Headers[header.Key] = string.Join(", ", header.Value);
        }

        if (_body is not null)
        {
            _sdkRequest.Headers["Content-Type"] = "application/json";
            _sdkRequest.Headers["Content-Length"] = _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _sdkParameters = new AWSSigV4Parameters
        {
            Credentials = new SessionAWSCredentials(_credentials.AccessKeyId, _credentials.SecretAccessKey, token),
            Region = RegionEndpoint.EUWest1,
            Service = "execute-api",
            SignPayload = true,
            SignedAt = SigningTime.UtcDateTime,
        };

        // The floor hashes inputs of exactly the sizes this signer hashes for the same request.
        ThisSigner().AsTask().GetAwaiter().GetResult();
        var trace = new SigV4Trace();
        var headers = new List<SignableHeader> { new("host", uri.Host) };
        foreach (var header in _request.Headers)
        {
            if (header.Key is not ("X-Amz-Date" or "X-Amz-Security-Token" or "Authorization"))
            {
                headers.Add(new(header.Key, string.Join(", ", header.Value)));
            }
        }

        if (_body is not null)
        {
            headers.Add(new("Content-Type", "application/json"));
            headers.Add(new("Content-Length", _body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _signer.SignRaw(_request.Method.Method, uri.AbsolutePath, uri.Query.TrimStart('?'), headers, _body ?? [], _credentials, "eu-west-1", "execute-api", SigningTime, trace);
        _canonicalRequest = Encoding.UTF8.GetBytes(trace.CanonicalRequest);
        _stringToSign = Encoding.UTF8.GetBytes(trace.StringToSign);
        _signingKey = new byte[32];
        SigningKeyCache.Derive(_credentials.SecretAccessKey, "20261126"u8, "eu-west-1", "execute-api", _signingKey);
        _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _signingKey);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _request.Dispose();
        _sha256.Dispose();
        _hmac.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Floor()
    {
        int written = 0;
        if (_body is not null)
        {
            _sha256.AppendData(_body);
            _sha256.TryGetHashAndReset(_hash, out _);
            written += Convert.TryToHexStringLower(_hash, _hex, out int n) ? n : 0;
        }

        _sha256.AppendData(_canonicalRequest);
        _sha256.TryGetHashAndReset(_hash, out _);
        written += Convert.TryToHexStringLower(_hash, _hex, out int m) ? m : 0;
        _hmac.AppendData(_stringToSign);
        _hmac.TryGetHashAndReset(_hash, out _);
        written += Convert.TryToHexStringLower(_hash, _hex, out int k) ? k : 0;
        return written;
    }

    [Benchmark]
    public ValueTask ThisSigner() => _signer.SignAsync(_request, _credentials, "eu-west-1", "execute-api");

    [Benchmark]
    public AWSSigningResult AwsSdkCore() => AWSSigV4Signer.Sign(_sdkRequest, _sdkParameters);

    [Benchmark]
    public int BareSha256OfBody()
    {
        if (_body is null)
        {
            return 0;
        }

        SHA256.HashData(_body, _hash);
        return _hash[0];
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
