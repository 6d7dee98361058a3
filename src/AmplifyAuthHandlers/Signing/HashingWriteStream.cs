using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// A write-only stream that feeds SHA-256. <see cref="HttpContent.CopyTo(Stream, System.Net.TransportContext?, CancellationToken)"/>
/// hands a <see cref="ByteArrayContent"/>'s own array (or a <see cref="ReadOnlyMemoryContent"/>'s memory) straight
/// to <see cref="Write(ReadOnlySpan{byte})"/>, so the payload is hashed without being copied.
/// </summary>
internal sealed class HashingWriteStream : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>The number of bytes written since the last <see cref="GetHashAndReset"/>.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Writes the SHA-256 of everything written since the last call and starts over.</summary>
    public void GetHashAndReset(Span<byte> destination)
    {
        _hash.TryGetHashAndReset(destination, out _);
        BytesWritten = 0;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        _hash.AppendData(buffer, offset, count);
        BytesWritten += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _hash.AppendData(buffer);
        BytesWritten += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
