using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Explains API Gateway's "The request signature we calculated does not match": its 403 quotes the canonical request
/// and string to sign it computed; compared line by line with what this library signed for the same attempt, the
/// first differing line says what changed (a header set after signing, the region, a path the proxy rewrote).
/// </summary>
/// <remarks>
/// The signing handler keeps what it signed for the attempt in hand only (never on the request's options, which outer
/// handlers and log state can read), and the texts are written only here, on a refusal. Both sides are redacted before
/// they are compared, logged or put in a message.
/// </remarks>
internal static class SignatureMismatchDiagnosis
{
    /// <summary>Each text kept on a request is cut at this many characters.</summary>
    internal const int MaxTextChars = 8 * 1024;

    /// <summary>Error bodies larger than this are not read for a diagnosis.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    private const int MaxShownLineChars = 240;
    private const int MaxLoggedDifferences = 20;
    private const string CanonicalMarker = "The Canonical String for this request should have been\n'";
    private const string StringToSignMarker = "'\n\nThe String-to-Sign should have been\n'";

    private static readonly HttpRequestOptionsKey<string> FirstDifferenceKey = new("AmplifyAuthHandlers.SignatureFirstDifference");

    /// <summary>Drops an earlier attempt's finding before this request is signed again.</summary>
    public static void Forget(HttpRequestMessage request) => ((IDictionary<string, object?>)request.Options).Remove(FirstDifferenceKey.Key);

    /// <summary>The first differing line found by <see cref="InspectAsync"/> for this request, if any.</summary>
    public static string? FirstDifference(HttpRequestMessage request) =>
        request.Options.TryGetValue(FirstDifferenceKey, out var line) ? line : null;

    /// <summary>
    /// On a 403 <c>InvalidSignatureException</c> that quotes the canonical request, logs the difference at Warning and
    /// remembers its first line for the exception message. The body is buffered (so the caller still reads it whole);
    /// a body without a <c>Content-Length</c> (API Gateway always sends one) or larger than <see cref="MaxBodyBytes"/> is
    /// not read, so a hostile endless 403 costs nothing.
    /// </summary>
    /// <param name="request">The request that was refused; the finding is kept on its options.</param>
    /// <param name="response">The refusal.</param>
    /// <param name="signedTexts">What was signed (canonical request, string to sign), unredacted: read only when the body quotes API Gateway's.</param>
    /// <param name="logger">Where the difference is logged.</param>
    /// <param name="endpointName">The endpoint, for the log.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public static async ValueTask InspectAsync(
        HttpRequestMessage request, HttpResponseMessage response, Func<(string CanonicalRequest, string StringToSign)> signedTexts, ILogger logger, string endpointName, CancellationToken cancellationToken)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Forbidden
            || !response.Headers.TryGetValues("x-amzn-ErrorType", out var types)
            || AmplifyTelemetry.ErrorTypeFromHeader(types.FirstOrDefault()) != "InvalidSignatureException"
            || response.Content.Headers.ContentLength is not (>= 0 and <= MaxBodyBytes))
        {
            return;
        }

        string body;
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxBodyBytes, cancellationToken).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            return;
        }

        var (canonicalRequest, stringToSign) = signedTexts();
        if (Compare(Bound(canonicalRequest), Bound(stringToSign), body) is not { Count: > 0 } differences)
        {
            return;
        }

        request.Options.Set(FirstDifferenceKey, differences[0]);
        DiagnosticsLog.SignatureMismatch(logger, endpointName, string.Join('\n', differences.Take(MaxLoggedDifferences)));
    }

    /// <summary>
    /// Compares what was signed with what API Gateway's error body says it expected. Returns null when the body quotes
    /// no canonical request; otherwise the differing lines, described, first difference first (one line saying the secret
    /// key is wrong when both texts match).
    /// </summary>
    internal static List<string>? Compare(string signedCanonicalRequest, string signedStringToSign, string responseBody)
    {
        if (ExtractQuoted(MessageOf(responseBody)) is not { } quoted)
        {
            return null;
        }

        var (expectedCanonical, expectedStringToSign) = quoted;

        var differences = new List<string>();
        DiffLines("canonical request", Redact(signedCanonicalRequest), Bound(Redact(expectedCanonical)), differences);
        DiffLines("string to sign", signedStringToSign, Bound(expectedStringToSign), differences);
        if (differences.Count == 0)
        {
            differences.Add("the canonical request and string to sign match what API Gateway computed, so the signing key differs: the secret access key does not belong to the access key ID (or the credentials were changed after signing).");
        }

        return differences;
    }

    /// <summary>Replaces the values of headers and query parameters that may carry a secret with <c>***</c>, line by line.</summary>
    internal static string Redact(string canonical)
    {
        var lines = canonical.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (i >= 3 && colon > 0 && IsSecretName(line.AsSpan(0, colon)))
            {
                lines[i] = line[..(colon + 1)] + "***";
            }
            else if (i == 2 && line.Length > 0)
            {
                lines[i] = RedactQuery(line);
            }
        }

        return string.Join('\n', lines);
    }

    private static void DiffLines(string what, string signed, string expected, List<string> differences)
    {
        var mine = signed.Split('\n');
        var theirs = expected.Split('\n');
        var count = Math.Max(mine.Length, theirs.Length);
        for (var i = 0; i < count; i++)
        {
            var a = i < mine.Length ? mine[i] : null;
            var b = i < theirs.Length ? theirs[i] : null;
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                differences.Add($"{what} line {i + 1} ({Role(what, i, mine)}): signed {Show(a)}, API Gateway expected {Show(b)}");
            }
        }
    }

    private static string Role(string what, int index, string[] lines)
    {
        if (what == "string to sign")
        {
            return index switch
            {
                0 => "algorithm",
                1 => "X-Amz-Date: check the clock",
                2 => "credential scope date/region/service: check the endpoint's region",
                3 => "hash of the canonical request",
                _ => "extra line",
            };
        }

        var blank = Array.IndexOf(lines, string.Empty, 3);
        return index switch
        {
            0 => "HTTP method",
            1 => "canonical URI: the path as sent; a proxy or stage rewrite changes it",
            2 => "canonical query string",
            _ when blank < 0 || index < blank => "a signed header: was it changed after signing?",
            _ when index == blank => "end of headers",
            _ when index == blank + 1 => "signed header names",
            _ => "payload hash: the body changed after signing",
        };
    }

    private static string Show(string? line)
    {
        if (line is null)
        {
            return "(no line)";
        }

        var shown = line.Length > MaxShownLineChars ? line[..MaxShownLineChars] + "…" : line;
        var builder = new StringBuilder(shown.Length + 2).Append('\'');
        foreach (var c in shown)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.Append('\'').ToString();
    }

    private static string MessageOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["message", "Message"])
                {
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString() ?? string.Empty;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself may be the message.
        }

        return body;
    }

    private static (string Canonical, string StringToSign)? ExtractQuoted(string message)
    {
        var start = message.IndexOf(CanonicalMarker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += CanonicalMarker.Length;
        var middle = message.IndexOf(StringToSignMarker, start, StringComparison.Ordinal);
        if (middle < 0)
        {
            return null;
        }

        var stringToSignStart = middle + StringToSignMarker.Length;
        var end = message.IndexOf('\'', stringToSignStart);
        return (message[start..middle], end < 0 ? message[stringToSignStart..] : message[stringToSignStart..end]);
    }

    private static bool IsSecretName(ReadOnlySpan<char> name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Contains("key", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase) || name.Contains("auth", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase) || name.Contains("cookie", StringComparison.OrdinalIgnoreCase)
        || name.Contains("signature", StringComparison.OrdinalIgnoreCase) || name.Contains("credential", StringComparison.OrdinalIgnoreCase)
        || name.Contains("jwt", StringComparison.OrdinalIgnoreCase) || name.Contains("session", StringComparison.OrdinalIgnoreCase)
        || name.Contains("oidc", StringComparison.OrdinalIgnoreCase) || name.Contains("pass", StringComparison.OrdinalIgnoreCase)
        || name.Contains("pwd", StringComparison.OrdinalIgnoreCase) || name.Contains("code", StringComparison.OrdinalIgnoreCase)
        || name.Contains("otp", StringComparison.OrdinalIgnoreCase) || name.Contains("bearer", StringComparison.OrdinalIgnoreCase);

    private static string RedactQuery(string query)
    {
        var parts = query.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var equals = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && IsSecretName(parts[i].AsSpan(0, equals)))
            {
                parts[i] = parts[i][..(equals + 1)] + "***";
            }
        }

        return string.Join('&', parts);
    }

    private static string Bound(string text) => text.Length > MaxTextChars ? text[..MaxTextChars] : text;
}
