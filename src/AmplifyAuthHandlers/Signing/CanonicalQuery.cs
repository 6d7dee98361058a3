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
    private const int InsertionSortLimit = 16;

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

    /// <summary>
    /// Sorts by encoded key, then encoded value (byte order = ordinal order of ASCII). Insertion sort for the few
    /// parameters a request usually has; heapsort beyond, so a hostile query of many thousand parameters costs
    /// O(n log n), not O(n²). Stability is not needed: parameters that compare equal are byte-identical.
    /// </summary>
    private static void Sort(Span<Parameter> parameters, ReadOnlySpan<byte> bytes)
    {
        if (parameters.Length <= InsertionSortLimit)
        {
            InsertionSort(parameters, bytes);
            return;
        }

        for (int start = (parameters.Length / 2) - 1; start >= 0; start--)
        {
            SiftDown(parameters, start, parameters.Length, bytes);
        }

        for (int end = parameters.Length - 1; end > 0; end--)
        {
            (parameters[0], parameters[end]) = (parameters[end], parameters[0]);
            SiftDown(parameters, 0, end, bytes);
        }
    }

    private static void InsertionSort(Span<Parameter> parameters, ReadOnlySpan<byte> bytes)
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

    /// <summary>Restores the max-heap property below <paramref name="root"/> within the first <paramref name="count"/> items.</summary>
    private static void SiftDown(Span<Parameter> heap, int root, int count, ReadOnlySpan<byte> bytes)
    {
        while (true)
        {
            int largest = root;
            int left = (2 * root) + 1;
            int right = left + 1;
            if (left < count && Compare(heap[left], heap[largest], bytes) > 0)
            {
                largest = left;
            }

            if (right < count && Compare(heap[right], heap[largest], bytes) > 0)
            {
                largest = right;
            }

            if (largest == root)
            {
                return;
            }

            (heap[root], heap[largest]) = (heap[largest], heap[root]);
            root = largest;
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
