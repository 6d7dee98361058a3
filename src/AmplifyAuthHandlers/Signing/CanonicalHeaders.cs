using System.Buffers;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Which headers are signed and their canonical form: names lower-cased and sorted, values trimmed with inner runs
/// of spaces and tabs collapsed to one space. Hop-by-hop and proxy-mutable headers are never signed, because a
/// proxy or the HTTP stack may change them after signing.
/// </summary>
internal static class CanonicalHeaders
{
    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\r\n");

    /// <summary>Returns whether a header with this name is signed (<c>host</c> and <c>authorization</c> are handled by the signer).</summary>
    public static bool IsSignable(string name) =>
        !name.StartsWith("proxy-", StringComparison.OrdinalIgnoreCase)
        && !name.StartsWith("x-forwarded-", StringComparison.OrdinalIgnoreCase)
        && IsSignableByExactName(name);

    /// <remarks>
    /// The trace-context headers (<c>traceparent</c>, <c>tracestate</c>, <c>baggage</c>, <c>request-id</c>,
    /// <c>correlation-context</c>) are never signed: the runtime's diagnostics handler adds them after signing and
    /// replaces them on every retry, so signing a retried request's copy would break its signature.
    /// </remarks>
    private static bool IsSignableByExactName(string name) => name.Length switch
    {
        2 => !name.Equals("te", StringComparison.OrdinalIgnoreCase),
        3 => !name.Equals("via", StringComparison.OrdinalIgnoreCase),
        4 => !name.Equals("host", StringComparison.OrdinalIgnoreCase),
        6 => !name.Equals("expect", StringComparison.OrdinalIgnoreCase),
        7 => !name.Equals("trailer", StringComparison.OrdinalIgnoreCase) && !name.Equals("upgrade", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("baggage", StringComparison.OrdinalIgnoreCase),
        10 => !name.Equals("connection", StringComparison.OrdinalIgnoreCase) && !name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("user-agent", StringComparison.OrdinalIgnoreCase) && !name.Equals("request-id", StringComparison.OrdinalIgnoreCase)
            && !name.Equals("tracestate", StringComparison.OrdinalIgnoreCase),
        11 => !name.Equals("traceparent", StringComparison.OrdinalIgnoreCase),
        13 => !name.Equals("authorization", StringComparison.OrdinalIgnoreCase),
        15 => !name.Equals("x-amzn-trace-id", StringComparison.OrdinalIgnoreCase),
        17 => !name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase),
        19 => !name.Equals("correlation-context", StringComparison.OrdinalIgnoreCase),
        _ => true,
    };

    /// <summary>Stable insertion sort by lower-cased name (header lists are short).</summary>
    public static void Sort(Span<SignableHeader> headers)
    {
        for (int i = 1; i < headers.Length; i++)
        {
            SignableHeader current = headers[i];
            int j = i - 1;
            while (j >= 0 && CompareNames(headers[j].Name, current.Name) > 0)
            {
                headers[j + 1] = headers[j];
                j--;
            }

            headers[j + 1] = current;
        }
    }

    /// <summary>Ordinal comparison of the lower-cased names.</summary>
    public static int CompareNames(string a, string b)
    {
        int length = Math.Min(a.Length, b.Length);
        for (int i = 0; i < length; i++)
        {
            int x = ToLowerAscii(a[i]);
            int y = ToLowerAscii(b[i]);
            if (x != y)
            {
                return x - y;
            }
        }

        return a.Length - b.Length;
    }

    /// <summary>
    /// Appends <c>name:value\n</c> for each sorted header. Headers whose names differ only in case are one
    /// header: their values are joined with <c>,</c> in the order given (what the SigV4 suite expects).
    /// </summary>
    public static void AppendCanonicalHeaders(ref Utf8Builder builder, scoped ReadOnlySpan<SignableHeader> sorted)
    {
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && CompareNames(sorted[i - 1].Name, sorted[i].Name) == 0)
            {
                builder.Append((byte)',');
            }
            else
            {
                if (i > 0)
                {
                    builder.Append((byte)'\n');
                }

                builder.AppendLowerAscii(sorted[i].Name);
                builder.Append((byte)':');
            }

            AppendTrimmedValue(ref builder, sorted[i].Value);
        }

        if (!sorted.IsEmpty)
        {
            builder.Append((byte)'\n');
        }
    }

    /// <summary>Appends the <c>;</c>-separated lower-cased names, each once.</summary>
    public static void AppendSignedHeaders(ref Utf8Builder builder, scoped ReadOnlySpan<SignableHeader> sorted)
    {
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                if (CompareNames(sorted[i - 1].Name, sorted[i].Name) == 0)
                {
                    continue;
                }

                builder.Append((byte)';');
            }

            builder.AppendLowerAscii(sorted[i].Name);
        }
    }

    /// <summary>Appends <paramref name="value"/> without leading/trailing whitespace and with inner runs of SP/HTAB as one space.</summary>
    public static void AppendTrimmedValue(ref Utf8Builder builder, scoped ReadOnlySpan<char> value)
    {
        value = value.Trim(" \t\r\n");
        while (true)
        {
            // Vectorised scan to the next whitespace: long values (a session token) are copied in one go.
            int space = value.IndexOfAny(Whitespace);
            if (space < 0)
            {
                builder.AppendUtf8(value);
                return;
            }

            builder.AppendUtf8(value[..space]);
            builder.Append((byte)' ');
            value = value[space..].TrimStart(" \t\r\n");
        }
    }

    private static int ToLowerAscii(char c) => c is >= 'A' and <= 'Z' ? c + 32 : c;
}
