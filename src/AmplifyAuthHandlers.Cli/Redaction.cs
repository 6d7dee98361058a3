using System.Text.RegularExpressions;

namespace AmplifyAuthHandlers.Cli;

/// <summary>What -v may print: header values and SigV4 texts with keys, tokens and signatures replaced.</summary>
internal static partial class Redaction
{
    public const string Redacted = "[redacted]";

    public static string Header(string name, string value)
    {
        if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            if (value.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal))
            {
                // The credential scope and signed headers help diagnose; the signature is what a thief could replay.
                return SignatureParameter().Replace(value, "Signature=" + Redacted);
            }

            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 && space < 16 ? string.Concat(value.AsSpan(0, space + 1), Redacted) : Redacted;
        }

        return IsSecretHeader(name) ? Redacted : value;
    }

    public static bool IsSecretHeader(string name) =>
        name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Authorization", StringComparison.OrdinalIgnoreCase);

    /// <summary>Redacts the signed values of secret headers in a canonical request (<c>name:value</c> lines).</summary>
    public static string CanonicalRequest(string canonicalRequest)
    {
        var lines = canonicalRequest.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && IsSecretHeader(lines[i][..colon]))
            {
                lines[i] = lines[i][..(colon + 1)] + Redacted;
            }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex("Signature=[0-9a-fA-F]+")]
    private static partial Regex SignatureParameter();
}
