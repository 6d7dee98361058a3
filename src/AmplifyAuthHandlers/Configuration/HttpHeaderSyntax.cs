namespace AmplifyAuthHandlers;

/// <summary>
/// What may go in an HTTP header, for every header value the library adds or forwards and for AWS credentials
/// (which travel in <c>Authorization</c> and <c>X-Amz-Security-Token</c>). One definition, so start-up validation
/// and the per-request checks of the handlers agree.
/// </summary>
/// <remarks>
/// A CR or LF in a value ends the header line on the wire and starts another (request splitting), so a value the
/// library sends is checked before anything is written. Names follow RFC 9110's <c>token</c>; values the library
/// itself supplies (configuration, header providers, <see cref="AmplifyRequestOptions.Headers"/>) must be visible
/// ASCII with spaces or tabs, since anything else fails on the wire anyway.
/// </remarks>
internal static class HttpHeaderSyntax
{
    /// <summary>Whether <paramref name="name"/> is an RFC 9110 token: one or more <c>tchar</c>.</summary>
    public static bool IsToken(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether every character is visible ASCII, a space or a tab (what the library puts in a header).</summary>
    public static bool IsPrintableValue(string value)
    {
        foreach (var c in value)
        {
            if (c is not ((>= ' ' and <= '~') or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether the value holds a control character other than tab (CR, LF, NUL, ESC, DEL...): such a value could
    /// split the request on the wire. Used for headers the caller set on the message, where non-ASCII is left to
    /// the client's header encoding.
    /// </summary>
    public static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether every character is printable ASCII (space to <c>~</c>): what an access key, secret or session token can be.</summary>
    public static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
