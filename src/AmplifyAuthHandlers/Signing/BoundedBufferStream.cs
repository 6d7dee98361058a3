namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// A memory stream that refuses to grow past a limit: buffering a body to hash it stops at the limit instead of
/// taking whatever memory an endless or huge body asks for.
/// </summary>
internal sealed class BoundedBufferStream(long limit, int initialCapacity) : MemoryStream(initialCapacity)
{
    public override void Write(byte[] buffer, int offset, int count)
    {
        EnsureRoom(count);
        base.Write(buffer, offset, count);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureRoom(buffer.Length);
        base.Write(buffer);
    }

    public override void WriteByte(byte value)
    {
        EnsureRoom(1);
        base.WriteByte(value);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        EnsureRoom(count);
        return base.WriteAsync(buffer, offset, count, cancellationToken);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        EnsureRoom(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    private void EnsureRoom(int count)
    {
        if (Length + count > limit)
        {
            throw new AmplifyRequestBodyTooLargeException(null, limit);
        }
    }
}
