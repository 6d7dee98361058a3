using System.Text;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// SigV4's URI encoding (RFC 3986): every byte of the UTF-8 form is written as <c>%XX</c> with upper-case hex,
/// except the unreserved characters <c>A-Z a-z 0-9 - . _ ~</c>.
/// </summary>
internal static class Rfc3986Encoder
{
    private static ReadOnlySpan<byte> UpperDigits => "0123456789ABCDEF"u8;

    public static bool IsUnreserved(int c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_' or '~';

    /// <summary>Appends one byte, percent-encoded unless it is unreserved.</summary>
    public static void AppendEncodedByte(ref Utf8Builder builder, byte value)
    {
        if (IsUnreserved(value))
        {
            builder.Append(value);
            return;
        }

        Span<byte> escaped = builder.GetSpan(3);
        escaped[0] = (byte)'%';
        escaped[1] = UpperDigits[value >> 4];
        escaped[2] = UpperDigits[value & 0xF];
        builder.Advance(3);
    }

    /// <summary>
    /// Encodes every character of <paramref name="text"/> as it stands (a <c>%</c> becomes <c>%25</c>), keeping
    /// <c>/</c> when <paramref name="keepSlash"/>. This is the extra encoding pass SigV4 applies to a path.
    /// </summary>
    public static void AppendEncoded(ref Utf8Builder builder, scoped ReadOnlySpan<char> text, bool keepSlash)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                if (c == '/' && keepSlash)
                {
                    builder.Append((byte)'/');
                }
                else
                {
                    AppendEncodedByte(ref builder, (byte)c);
                }

                continue;
            }

            i += AppendEncodedRune(ref builder, text[i..]) - 1;
        }
    }

    /// <summary>
    /// Percent-decodes <paramref name="text"/> (<c>%XX</c>, and a <c>+</c> as a space when <paramref name="plusIsSpace"/>)
    /// and encodes every resulting byte once. A literal <c>/</c> is kept when <paramref name="keepLiteralSlash"/>;
    /// a decoded <c>%2F</c> is always encoded. A <c>%</c> not followed by two hex digits is a literal percent sign.
    /// </summary>
    public static void AppendDecodedThenEncoded(ref Utf8Builder builder, scoped ReadOnlySpan<char> text, bool keepLiteralSlash, bool plusIsSpace = false)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%' && i + 2 < text.Length && TryDecodeByte(text[i + 1], text[i + 2], out byte decoded))
            {
                AppendEncodedByte(ref builder, decoded);
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                AppendEncodedByte(ref builder, (byte)' ');
            }
            else if (c < 0x80)
            {
                if (c == '/' && keepLiteralSlash)
                {
                    builder.Append((byte)'/');
                }
                else
                {
                    AppendEncodedByte(ref builder, (byte)c);
                }
            }
            else
            {
                i += AppendEncodedRune(ref builder, text[i..]) - 1;
            }
        }
    }

    private static bool TryDecodeByte(char high, char low, out byte value)
    {
        int h = Hex.DigitValue(high);
        int l = Hex.DigitValue(low);
        value = (byte)((h << 4) | l);
        return h >= 0 && l >= 0;
    }

    /// <summary>Encodes the UTF-8 bytes of the scalar at the start of <paramref name="text"/>; returns the chars consumed.</summary>
    private static int AppendEncodedRune(ref Utf8Builder builder, scoped ReadOnlySpan<char> text)
    {
        Rune.DecodeFromUtf16(text, out Rune rune, out int consumed);
        Span<byte> utf8 = stackalloc byte[4];
        int written = rune.EncodeToUtf8(utf8);
        for (int j = 0; j < written; j++)
        {
            AppendEncodedByte(ref builder, utf8[j]);
        }

        return consumed;
    }
}
