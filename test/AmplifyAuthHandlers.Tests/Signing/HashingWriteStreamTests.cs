using System.Security.Cryptography;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class HashingWriteStreamTests
{
    [Test]
    public async Task Write_EveryOverload_HashesAndCountsAllBytesInOrder()
    {
        using var stream = new HashingWriteStream();

        stream.Write([0, 1, 2, 3], 1, 2);
        stream.Write([3, 4]);
        stream.WriteByte(5);
#pragma warning disable CA1835 // the array overload is the one under test
        await stream.WriteAsync(new byte[] { 6, 7, 8 }, 0, 2, CancellationToken.None);
#pragma warning restore CA1835
        await stream.WriteAsync(new byte[] { 8, 9 }.AsMemory());
        await stream.FlushAsync();
        stream.Flush();
        long written = stream.BytesWritten;
        byte[] hash = new byte[32];
        stream.GetHashAndReset(hash);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(9));
            Assert.That(hash, Is.EqualTo(SHA256.HashData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 })));
            Assert.That(stream.BytesWritten, Is.Zero);
        });
    }

    [Test]
    public void GetHashAndReset_AfterAPayload_NextHashStartsOver()
    {
        using var stream = new HashingWriteStream();
        stream.Write("first"u8);
        stream.GetHashAndReset(new byte[32]);

        stream.Write("second"u8);
        byte[] hash = new byte[32];
        stream.GetHashAndReset(hash);

        Assert.That(hash, Is.EqualTo(SHA256.HashData("second"u8)));
    }

    [Test]
    public void Capabilities_WriteOnly_ReadSeekAndLengthNotSupported()
    {
        using var stream = new HashingWriteStream();

        Assert.Multiple(() =>
        {
            Assert.That(stream.CanRead, Is.False);
            Assert.That(stream.CanSeek, Is.False);
            Assert.That(stream.CanWrite, Is.True);
            Assert.Throws<NotSupportedException>(() => _ = stream.Length);
            Assert.Throws<NotSupportedException>(() => _ = stream.Position);
            Assert.Throws<NotSupportedException>(() => stream.Position = 0);
            Assert.Throws<NotSupportedException>(() => stream.ReadExactly(new byte[1], 0, 1));
            Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
            Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
        });
    }

    [Test]
    public void Dispose_ThenWrite_TheHashIsReleased()
    {
        var stream = new HashingWriteStream();

        stream.Dispose();

        Assert.Throws<ObjectDisposedException>(() => stream.Write([1]));
    }
}
