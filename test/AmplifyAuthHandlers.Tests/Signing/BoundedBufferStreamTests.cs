using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class BoundedBufferStreamTests
{
    private const long Limit = 8;

    [Test]
    public async Task Write_EveryOverloadUpToTheLimit_AllBytesKept()
    {
        using var stream = new BoundedBufferStream(Limit, 0);

        stream.Write([1, 2], 0, 2);
        stream.Write([3, 4]);
        stream.WriteByte(5);
#pragma warning disable CA1835 // the array overload is the one under test
        await stream.WriteAsync(new byte[] { 9, 6, 9 }, 1, 1, CancellationToken.None);
#pragma warning restore CA1835
        await stream.WriteAsync(new byte[] { 7, 8 }.AsMemory());

        Assert.That(stream.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }));
    }

    [Test]
    public void Write_ArrayOnePastTheLimit_RefusedNamingTheLimitNothingWritten() =>
        AssertRefused(stream => stream.Write(new byte[2], 0, 2));

    [Test]
    public void Write_SpanOnePastTheLimit_RefusedNamingTheLimitNothingWritten() =>
        AssertRefused(stream => stream.Write(new byte[2].AsSpan()));

    [Test]
    public void WriteByte_PastTheLimit_RefusedNamingTheLimitNothingWritten() =>
        AssertRefused(stream =>
        {
            stream.WriteByte(1);
            stream.WriteByte(2);
        });

    [Test]
    public void WriteAsync_ArrayOnePastTheLimit_RefusedNamingTheLimitNothingWritten() =>
        AssertRefused(stream => stream.WriteAsync(new byte[2], 0, 2, CancellationToken.None).GetAwaiter().GetResult());

    [Test]
    public void WriteAsync_MemoryOnePastTheLimit_RefusedNamingTheLimitNothingWritten() =>
        AssertRefused(stream => stream.WriteAsync(new byte[2].AsMemory()).AsTask().GetAwaiter().GetResult());

    /// <summary>Fills the stream to one byte under the limit, then runs a write that goes one byte over.</summary>
    private static void AssertRefused(Action<BoundedBufferStream> write)
    {
        using var stream = new BoundedBufferStream(Limit, 4);
        stream.Write(new byte[Limit - 1]);

        var error = Assert.Throws<AmplifyRequestBodyTooLargeException>(() => write(stream));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Limit, Is.EqualTo(Limit));
            Assert.That(error.EndpointName, Is.Null);
            Assert.That(stream.Length, Is.LessThanOrEqualTo(Limit));
        });
    }
}
