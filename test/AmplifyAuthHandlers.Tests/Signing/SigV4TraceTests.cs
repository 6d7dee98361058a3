using System.Buffers;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class SigV4TraceTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token-value");
    private static readonly DateTimeOffset SigningTime = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static HttpRequestMessage Request()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://abc123.execute-api.eu-west-1.amazonaws.com/dev/items/a%20b?z=1&a=2&a=1")
        {
            Content = new StringContent("{\"name\":\"x\"}"),
        };
        request.Headers.TryAddWithoutValidation("X-Custom", "  spaced   value ");
        return request;
    }

    /// <summary>Signs two equal requests, one with texts written while signing and one with the inputs kept for later.</summary>
    private static async Task<(SigV4Trace Immediate, SigV4Trace Deferred)> SignBothAsync(HttpRequestMessage first, HttpRequestMessage second)
    {
        var signer = new AwsSigV4Signer();
        var immediate = new SigV4Trace();
        var deferred = SigV4Trace.Deferred();
        await signer.SignAsync(first, Credentials, "eu-west-1", "execute-api", SigningTime, immediate, default);
        await signer.SignAsync(second, Credentials, "eu-west-1", "execute-api", SigningTime, deferred, default);
        return (immediate, deferred);
    }

    [Test]
    public async Task Deferred_TextsRead_EqualWhatTheSignerWroteWhileSigning()
    {
        using var first = Request();
        using var second = Request();
        var (immediate, deferred) = await SignBothAsync(first, second);

        Assert.Multiple(() =>
        {
            Assert.That(immediate.CanonicalRequest, Does.Contain("x-custom:spaced value"), "a real canonical request");
            Assert.That(deferred.CanonicalRequest, Is.EqualTo(immediate.CanonicalRequest));
            Assert.That(deferred.StringToSign, Is.EqualTo(immediate.StringToSign));
            Assert.That(second.Headers.Authorization?.ToString(), Is.EqualTo(first.Headers.Authorization?.ToString()), "keeping the inputs does not change the signature");
        });
    }

    [Test]
    public async Task Deferred_StringToSignReadFirst_WrittenFromTheKeptInputs()
    {
        using var first = Request();
        using var second = Request();
        var (immediate, deferred) = await SignBothAsync(first, second);

        string stringToSign = deferred.StringToSign;

        Assert.That(stringToSign, Is.EqualTo(immediate.StringToSign).And.StartWith("AWS4-HMAC-SHA256\n20261127T120000Z\n"));
    }

    [Test]
    public async Task Deferred_TextsWritten_BufferClearedAndReturnedToThePool()
    {
        // The texts are written into a pooled 1 KiB buffer: the array planted in this thread's slot is used, cleared
        // (the canonical request carries the session token) and handed back.
        byte[] planted = ArrayPool<byte>.Shared.Rent(1024);
        planted.AsSpan().Fill(0xFF);
        ArrayPool<byte>.Shared.Return(planted);
        var signer = new AwsSigV4Signer();
        using var request = Request();
        var deferred = SigV4Trace.Deferred();
        await signer.SignAsync(request, Credentials, "eu-west-1", "execute-api", SigningTime, deferred, default);

        string canonicalRequest = deferred.CanonicalRequest;

        byte[] next = ArrayPool<byte>.Shared.Rent(1024);
        ArrayPool<byte>.Shared.Return(next);
        Assert.Multiple(() =>
        {
            Assert.That(canonicalRequest, Does.Contain("x-amz-security-token:session-token-value"));
            Assert.That(next, Is.SameAs(planted));
            Assert.That(planted.Take(canonicalRequest.Length), Is.All.Zero);
        });
    }

    [Test]
    public void New_NothingSigned_TextsEmptyAndToStringRedacted()
    {
        var trace = new SigV4Trace();

        Assert.Multiple(() =>
        {
            Assert.That(trace.KeepsInputs, Is.False);
            Assert.That(trace.CanonicalRequest, Is.Empty);
            Assert.That(trace.StringToSign, Is.Empty);
            Assert.That(trace.Signature, Is.Empty);
            Assert.That(trace.ToString(), Is.EqualTo("SigV4Trace (redacted)"));
        });
    }

    [Test]
    public void Deferred_NothingSigned_EmptyTexts()
    {
        var deferred = SigV4Trace.Deferred();

        Assert.That((deferred.KeepsInputs, deferred.CanonicalRequest, deferred.StringToSign, deferred.ToString()), Is.EqualTo((true, string.Empty, string.Empty, "SigV4Trace (redacted)")));
    }
}
