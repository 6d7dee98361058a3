using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads the error code and message of a Cognito JSON 1.1 error response from the
/// <c>x-amzn-ErrorType</c> header and/or the body's <c>__type</c>/<c>code</c> and <c>message</c>/<c>Message</c>.
/// Never throws: a garbled body yields <see cref="CognitoErrorCodes.Unknown"/>.
/// </summary>
internal static class CognitoErrorParser
{
    private const int MaxMessageLength = 512;
    private const int MaxCodeLength = 128;

    /// <summary>Parses an error response.</summary>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The response body, possibly empty or not JSON.</param>
    /// <returns>The error code (namespace stripped) and Cognito's message, if any.</returns>
    public static (string Code, string? Message) Parse(HttpResponseHeaders headers, ReadOnlyMemory<byte> body)
    {
        string? code = null;
        if (headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            code = NormalizeCode(values.FirstOrDefault());
        }

        string? bodyCode = null;
        string? message = null;
        ReadBody(body, ref bodyCode, ref message);
        return (code ?? bodyCode ?? CognitoErrorCodes.Unknown, message);
    }

    private static void ReadBody(ReadOnlyMemory<byte> body, ref string? code, ref string? message)
    {
        if (body.IsEmpty)
        {
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            code = NormalizeCode(GetString(root, "__type")) ?? NormalizeCode(GetString(root, "code")) ?? NormalizeCode(GetString(root, "Code"));
            message = NormalizeMessage(GetString(root, "message") ?? GetString(root, "Message") ?? GetString(root, "errorMessage"));
        }
        catch (JsonException)
        {
            // Not JSON (an HTML page from a proxy, a truncated body): the status code is all there is.
        }
    }

    private static string? GetString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Turns <c>com.amazonaws...#NotAuthorizedException</c> or <c>NotAuthorizedException:http://internal...</c>
    /// into <c>NotAuthorizedException</c>; returns <see langword="null"/> for anything that is not a plain identifier.
    /// </summary>
    internal static string? NormalizeCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var code = raw.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        if (code.Length is 0 or > MaxCodeLength)
        {
            return null;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '.' and not '-')
            {
                return null;
            }
        }

        return code;
    }

    private static string? NormalizeMessage(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(raw.Length, MaxMessageLength + 1));
        foreach (var c in raw.Trim())
        {
            if (builder.Length == MaxMessageLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }
}
