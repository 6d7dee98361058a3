namespace AmplifyAuthHandlers.Signing;

/// <summary>Lower-case hexadecimal, written as ASCII bytes (SigV4 hashes and signatures are lower-case hex).</summary>
internal static class Hex
{
    private static ReadOnlySpan<byte> LowerDigits => "0123456789abcdef"u8;

    /// <summary>Writes <paramref name="source"/> as lower-case hex into <paramref name="destination"/> (twice its length).</summary>
    public static void WriteLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = LowerDigits;
        destination = destination[..(source.Length * 2)];
        for (int i = 0; i < source.Length; i++)
        {
            byte b = source[i];
            destination[2 * i] = digits[b >> 4];
            destination[(2 * i) + 1] = digits[b & 0xF];
        }
    }

    /// <summary>Returns the value of an ASCII hex digit, or -1.</summary>
    public static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
