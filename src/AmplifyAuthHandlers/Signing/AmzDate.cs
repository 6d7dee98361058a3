namespace AmplifyAuthHandlers.Signing;

/// <summary>The SigV4 timestamp (<c>yyyyMMddTHHmmssZ</c>, UTC) and its scope date (<c>yyyyMMdd</c>).</summary>
internal sealed class AmzDate
{
    private AmzDate(long unixSeconds, string text, int dayNumber)
    {
        UnixSeconds = unixSeconds;
        Text = text;
        DayNumber = dayNumber;
    }

    public long UnixSeconds { get; }

    /// <summary>The 16-character timestamp, e.g. <c>20150830T123600Z</c>.</summary>
    public string Text { get; }

    /// <summary>Days since 0001-01-01 (UTC), the cache key of the scope date.</summary>
    public int DayNumber { get; }

    /// <summary>The first 8 characters of <see cref="Text"/>.</summary>
    public ReadOnlySpan<char> Date => Text.AsSpan(0, 8);

    public static AmzDate Create(DateTimeOffset time)
    {
        DateTime utc = time.UtcDateTime;
        Span<char> text = stackalloc char[16];
        WriteDigits(text[..4], utc.Year);
        WriteDigits(text.Slice(4, 2), utc.Month);
        WriteDigits(text.Slice(6, 2), utc.Day);
        text[8] = 'T';
        WriteDigits(text.Slice(9, 2), utc.Hour);
        WriteDigits(text.Slice(11, 2), utc.Minute);
        WriteDigits(text.Slice(13, 2), utc.Second);
        text[15] = 'Z';
        return new AmzDate(time.ToUnixTimeSeconds(), new string(text), (int)(utc.Ticks / TimeSpan.TicksPerDay));
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (int i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
