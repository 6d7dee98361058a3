using System.Buffers;

namespace AmplifyAuthHandlers.Signing;

/// <summary>The canonical URI of a SigV4 canonical request, from the path that goes on the wire.</summary>
internal static class CanonicalPath
{
    private const int StackLimit = 512;

    /// <summary>
    /// Appends the canonical form of <paramref name="path"/>. With <paramref name="normalize"/>, repeated slashes
    /// are collapsed and dot segments removed first. With <paramref name="doubleEncode"/>, the (already escaped)
    /// path is encoded once more; otherwise it is percent-decoded and encoded exactly once (S3).
    /// </summary>
    public static void Append(ref Utf8Builder builder, scoped ReadOnlySpan<char> path, bool normalize, bool doubleEncode)
    {
        if (path.IsEmpty)
        {
            builder.Append((byte)'/');
            return;
        }

        if (!normalize)
        {
            AppendEncoded(ref builder, path, doubleEncode);
            return;
        }

        char[]? rented = null;
        Span<char> buffer = path.Length + 2 <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(path.Length + 2));
        try
        {
            int length = Normalize(path, buffer);
            AppendEncoded(ref builder, buffer[..length], doubleEncode);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="path"/> with empty and <c>.</c> segments dropped and each <c>..</c> removing the
    /// segment before it (never above the root). The result starts with <c>/</c> and ends with one when the input's
    /// last segment was empty, <c>.</c> or <c>..</c> (RFC 3986 §5.2.4). <paramref name="output"/> needs
    /// <c>path.Length + 2</c> chars.
    /// </summary>
    internal static int Normalize(ReadOnlySpan<char> path, Span<char> output)
    {
        int length = 0;
        output[length++] = '/';
        bool endsAsDirectory = true;
        int start = 0;
        while (true)
        {
            int slash = path[start..].IndexOf('/');
            int end = slash < 0 ? path.Length : start + slash;
            ReadOnlySpan<char> segment = path[start..end];
            if (segment.IsEmpty || segment is ".")
            {
                endsAsDirectory = true;
            }
            else if (segment is "..")
            {
                if (length > 1)
                {
                    length--;
                    while (output[length - 1] != '/')
                    {
                        length--;
                    }
                }

                endsAsDirectory = true;
            }
            else
            {
                segment.CopyTo(output[length..]);
                length += segment.Length;
                output[length++] = '/';
                endsAsDirectory = false;
            }

            if (slash < 0)
            {
                break;
            }

            start = end + 1;
        }

        // The last segment was a name: drop the slash written after it (length is at least 3 here).
        if (!endsAsDirectory)
        {
            length--;
        }

        return length;
    }

    private static void AppendEncoded(ref Utf8Builder builder, scoped ReadOnlySpan<char> path, bool doubleEncode)
    {
        if (doubleEncode)
        {
            Rfc3986Encoder.AppendEncoded(ref builder, path, keepSlash: true);
        }
        else
        {
            Rfc3986Encoder.AppendDecodedThenEncoded(ref builder, path, keepLiteralSlash: true);
        }
    }
}
