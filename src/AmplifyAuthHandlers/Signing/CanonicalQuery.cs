using System.Buffers;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// The canonical query string: each key and value percent-decoded and re-encoded (RFC 3986), sorted ordinally by
/// encoded key then encoded value, repeated keys kept, a bare key signed as <c>key=</c>. A raw <c>+</c> in a query
/// is a space, as API Gateway reads it when it checks the signature (its canonical string for <c>?q=a+b</c> is
/// <c>q=a%20b</c>) and as AWSSDK.Core and Amplify JS sign it; send a literal plus as <c>%2B</c>.
/// </summary>
internal static class CanonicalQuery
{
    private const int StackLimit = 32;

    /// <summary>Appends the canonical form of <paramref name="query"/> (without the leading <c>?</c>).</summary>
    public static void Append(ref Utf8Builder builder, scoped ReadOnlySpan<char> query)
    {
        if (query.IsEmpty)
        {
            return;
        }

        int maxCount = query.Count('&') + 1;
        Parameter[]? rented = null;
        Span<Parameter> parameters = maxCount <= StackLimit
            ? stackalloc Parameter[StackLimit]
            : (rented = ArrayPool<Parameter>.Shared.Rent(maxCount));
        var encoded = new Utf8Builder(Math.Max(256, query.Length * 3));
        try
        {
            int count = 0;
            ReadOnlySpan<char> rest = query;
            while (!rest.IsEmpty)
            {
                int ampersand = rest.IndexOf('&');
                ReadOnlySpan<char> pair = ampersand < 0 ? rest : rest[..ampersand];
                rest = ampersand < 0 ? [] : rest[(ampersand + 1)..];
                if (pair.IsEmpty)
                {
                    continue;
                }

                int equals = pair.IndexOf('=');
                ReadOnlySpan<char> key = equals < 0 ? pair : pair[..equals];
                ReadOnlySpan<char> value = equals < 0 ? [] : pair[(equals + 1)..];
                int keyStart = encoded.Length;
                Rfc3986Encoder.AppendDecodedThenEncoded(ref encoded, key, keepLiteralSlash: false, plusIsSpace: true);
                int valueStart = encoded.Length;
                Rfc3986Encoder.AppendDecodedThenEncoded(ref encoded, value, keepLiteralSlash: false, plusIsSpace: true);
                parameters[count++] = new Parameter(keyStart, valueStart - keyStart, valueStart, encoded.Length - valueStart);
            }

            Span<Parameter> used = parameters[..count];
            Sort(used, encoded.Written);
            ReadOnlySpan<byte> bytes = encoded.Written;
            for (int i = 0; i < used.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append((byte)'&');
                }

                builder.Append(bytes.Slice(used[i].KeyStart, used[i].KeyLength));
                builder.Append((byte)'=');
                builder.Append(bytes.Slice(used[i].ValueStart, used[i].ValueLength));
            }
        }
        finally
        {
            encoded.Dispose();
            if (rented is not null)
            {
                ArrayPool<Parameter>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Stable insertion sort by encoded key, then encoded value (byte order = ordinal order of ASCII).</summary>
    private static void Sort(Span<Parameter> parameters, ReadOnlySpan<byte> bytes)
    {
        for (int i = 1; i < parameters.Length; i++)
        {
            Parameter current = parameters[i];
            int j = i - 1;
            while (j >= 0 && Compare(parameters[j], current, bytes) > 0)
            {
                parameters[j + 1] = parameters[j];
                j--;
            }

            parameters[j + 1] = current;
        }
    }

    private static int Compare(in Parameter a, in Parameter b, ReadOnlySpan<byte> bytes)
    {
        int byKey = bytes.Slice(a.KeyStart, a.KeyLength).SequenceCompareTo(bytes.Slice(b.KeyStart, b.KeyLength));
        return byKey != 0
            ? byKey
            : bytes.Slice(a.ValueStart, a.ValueLength).SequenceCompareTo(bytes.Slice(b.ValueStart, b.ValueLength));
    }

    private readonly record struct Parameter(int KeyStart, int KeyLength, int ValueStart, int ValueLength);
}
