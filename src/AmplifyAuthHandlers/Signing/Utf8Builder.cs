using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// An append-only UTF-8 byte buffer rented from <see cref="ArrayPool{T}.Shared"/>. The canonical request and
/// the string to sign are written into one of these and hashed in place, so signing allocates no strings for them.
/// <see cref="Dispose"/> clears what was written (the canonical request carries the session token) and returns the buffer.
/// </summary>
internal ref struct Utf8Builder
{
    private byte[] _buffer;
    private int _length;

    public Utf8Builder(int initialCapacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);
        _length = 0;
    }

    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    public readonly ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public readonly Span<byte> WritableSlice(int start, int length) => _buffer.AsSpan(start, length);

    public void Append(byte value)
    {
        if ((uint)_length >= (uint)_buffer.Length)
        {
            Grow(1);
        }

        _buffer[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length > _buffer.Length - bytes.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends a copy of bytes already written (safe when the buffer grows meanwhile).</summary>
    public void AppendWritten(int start, int length)
    {
        if (_length > _buffer.Length - length)
        {
            Grow(length);
        }

        _buffer.AsSpan(start, length).CopyTo(_buffer.AsSpan(_length));
        _length += length;
    }

    /// <summary>Appends text as UTF-8 (ASCII text is narrowed byte for byte, vectorised).</summary>
    public void AppendUtf8(scoped ReadOnlySpan<char> text)
    {
        if (_length > _buffer.Length - text.Length)
        {
            Grow(text.Length);
        }

        if (Ascii.FromUtf16(text, _buffer.AsSpan(_length), out int written) == OperationStatus.Done)
        {
            _length += written;
            return;
        }

        _length += written;
        ReadOnlySpan<char> rest = text[written..];
        int max = Encoding.UTF8.GetMaxByteCount(rest.Length);
        if (_length > _buffer.Length - max)
        {
            Grow(max);
        }

        _length += Encoding.UTF8.GetBytes(rest, _buffer.AsSpan(_length));
    }

    /// <summary>Appends a header name lower-cased (ASCII letters only; header names are tokens).</summary>
    public void AppendLowerAscii(scoped ReadOnlySpan<char> text)
    {
        if (_length > _buffer.Length - text.Length)
        {
            Grow(text.Length);
        }

        if (Ascii.ToLower(text, _buffer.AsSpan(_length), out int written) == OperationStatus.Done)
        {
            _length += written;
            return;
        }

        // Not ASCII (never for a valid header name): lower-case the ASCII letters, keep the rest as UTF-8.
        _length += written;
        for (int i = written; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                Append((byte)(c is >= 'A' and <= 'Z' ? c + 32 : c));
            }
            else
            {
                AppendUtf8(text.Slice(i, 1));
            }
        }
    }

    /// <summary>Returns a writable span of at least <paramref name="sizeHint"/> bytes at the end; follow with <see cref="Advance"/>.</summary>
    public Span<byte> GetSpan(int sizeHint)
    {
        if (_length > _buffer.Length - sizeHint)
        {
            Grow(sizeHint);
        }

        return _buffer.AsSpan(_length);
    }

    public void Advance(int count) => _length += count;

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        CryptographicOperations.ZeroMemory(buffer.AsSpan(0, _length));
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow(int needed)
    {
        int size = Math.Max(_buffer.Length * 2, _length + needed);
        byte[] next = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _length).CopyTo(next);
        CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
