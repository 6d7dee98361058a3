using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.Testing.ApiGateway;

/// <summary>
/// Verifies an AWS Signature Version 4 request as API Gateway receives it, written from the SigV4 specification
/// (not from the library's signer, so each checks the other). Input is the request as received on the wire:
/// method, raw request target (path and query, still percent-encoded), headers and body bytes.
/// </summary>
/// <remarks>
/// Non-S3 rules: the canonical URI is the wire path, dot segments and repeated slashes normalised, every byte
/// outside the unreserved set encoded (so a wire <c>%20</c> becomes <c>%2520</c>: the client double-encodes).
/// The canonical query decodes and re-encodes each key and value (a raw <c>+</c> reads as a space, as API
/// Gateway does) and sorts by encoded key, then encoded value.
/// </remarks>
internal static class SigV4Verifier
{
    internal const string Algorithm = "AWS4-HMAC-SHA256";
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly ConcurrentDictionary<(string Secret, string Date, string Region, string Service), byte[]> SigningKeys = new();
    private static readonly string EmptyBodyHash = Hex(SHA256.HashData([]));

    /// <summary>Verifies a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="rawTarget">The request target as received (<c>/path?query</c>).</param>
    /// <param name="headers">The headers as received, looked up case-insensitively; repeated header lines are separate values.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="findCredentials">Finds the credentials of an access key ID.</param>
    /// <param name="region">The region the credential scope must name.</param>
    /// <param name="service">The service the credential scope must name (<c>execute-api</c>).</param>
    /// <param name="now">The verifier's current time.</param>
    /// <returns>The outcome.</returns>
    public static SigV4Result Verify(
        string method,
        string rawTarget,
        IDictionary<string, StringValues> headers,
        ReadOnlySpan<byte> body,
        Func<string, LocalAwsCredentials?> findCredentials,
        string region,
        string service,
        DateTimeOffset now)
    {
        var headerMap = headers;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];
        var query = ParseQuery(rawQuery);

        var presigned = query.Exists(p => p.Key == "X-Amz-Algorithm");
        var authorization = headerMap.TryGetValue("Authorization", out var authValues) ? authValues.ToString() : null;
        if (!presigned && string.IsNullOrEmpty(authorization))
        {
            return SigV4Result.Fail(SigV4ErrorKind.MissingToken, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        string? credential, signedHeaders, signature, amzDate, securityToken;
        int expiresSeconds = 0;
        if (presigned)
        {
            credential = QueryValue(query, "X-Amz-Credential");
            signedHeaders = QueryValue(query, "X-Amz-SignedHeaders");
            signature = QueryValue(query, "X-Amz-Signature");
            amzDate = QueryValue(query, "X-Amz-Date");
            securityToken = QueryValue(query, "X-Amz-Security-Token");
            var algorithm = QueryValue(query, "X-Amz-Algorithm");
            var expires = QueryValue(query, "X-Amz-Expires");
            var missing = new StringBuilder();
            if (algorithm != Algorithm)
            {
                missing.Append("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\". ");
            }

            AppendMissing(missing, credential, "AWS query-string parameters must include 'X-Amz-Credential'. ");
            AppendMissing(missing, signedHeaders, "AWS query-string parameters must include 'X-Amz-SignedHeaders'. ");
            AppendMissing(missing, signature, "AWS query-string parameters must include 'X-Amz-Signature'. ");
            AppendMissing(missing, amzDate, "AWS query-string parameters must include 'X-Amz-Date'. ");
            if (!int.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out expiresSeconds) || expiresSeconds is < 1 or > 604800)
            {
                missing.Append("X-Amz-Expires must be a number of seconds from 1 to 604800. ");
            }

            if (missing.Length > 0)
            {
                return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException", missing.ToString().TrimEnd());
            }
        }
        else
        {
            if (!TryParseAuthorization(authorization!, out credential, out signedHeaders, out signature))
            {
                var missing = new StringBuilder();
                AppendMissing(missing, credential, "Authorization header requires 'Credential' parameter. ");
                AppendMissing(missing, signature, "Authorization header requires 'Signature' parameter. ");
                AppendMissing(missing, signedHeaders, "Authorization header requires 'SignedHeaders' parameter. ");
                if (!headerMap.ContainsKey("X-Amz-Date"))
                {
                    missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
                }

                if (missing.Length == 0)
                {
                    missing.Append("Authorization header requires the 'AWS4-HMAC-SHA256' algorithm. ");
                }

                return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException", missing.ToString().TrimEnd());
            }

            amzDate = headerMap.TryGetValue("X-Amz-Date", out var dates) ? dates.ToString().Trim() : null;
            if (amzDate is null)
            {
                return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
            }

            securityToken = headerMap.TryGetValue("X-Amz-Security-Token", out var tokens) ? tokens.ToString() : null;
        }

        if (!DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException",
                $"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (!signedHeaders!.Split(';').Contains("host", StringComparer.Ordinal))
        {
            return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException",
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return SigV4Result.Fail(SigV4ErrorKind.Incomplete, "IncompleteSignatureException",
                $"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");
        }

        var (accessKeyId, scopeDate, scopeRegion, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        var scopeProblems = new StringBuilder();
        if (scopeRegion != region)
        {
            scopeProblems.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to a valid region, not '{scopeRegion}'. ");
        }

        if (scopeService != service)
        {
            scopeProblems.Append(CultureInfo.InvariantCulture, $"Credential should be scoped to correct service: '{service}'. ");
        }

        if (scopeProblems.Length > 0)
        {
            return SigV4Result.Fail(SigV4ErrorKind.Scope, "InvalidSignatureException", scopeProblems.ToString());
        }

        if (scopeDate != amzDate[..8])
        {
            return SigV4Result.Fail(SigV4ErrorKind.Scope, "InvalidSignatureException",
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        var nowText = now.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);
        if (presigned)
        {
            if (signedAt - Window > now)
            {
                return SigV4Result.Fail(SigV4ErrorKind.Expired, "InvalidSignatureException",
                    $"Signature not yet current: {amzDate} is still later than {(now + Window).UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)} ({nowText} + 5 min.)");
            }

            var expiresAt = signedAt.AddSeconds(expiresSeconds);
            if (expiresAt < now)
            {
                return SigV4Result.Fail(SigV4ErrorKind.Expired, "InvalidSignatureException",
                    $"Signature expired: {expiresAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)} is now earlier than {nowText}");
            }
        }
        else if (signedAt < now - Window)
        {
            return SigV4Result.Fail(SigV4ErrorKind.Expired, "InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {(now - Window).UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)} ({nowText} - 5 min.)");
        }
        else if (signedAt > now + Window)
        {
            return SigV4Result.Fail(SigV4ErrorKind.Expired, "InvalidSignatureException",
                $"Signature not yet current: {amzDate} is still later than {(now + Window).UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture)} ({nowText} + 5 min.)");
        }

        var credentials = findCredentials(accessKeyId);
        if (credentials is null)
        {
            return SigV4Result.Fail(SigV4ErrorKind.UnknownKey, "UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (credentials.Expiration is { } expiration && expiration <= now)
        {
            return SigV4Result.Fail(SigV4ErrorKind.ExpiredToken, "ExpiredTokenException", "The security token included in the request is expired", credentials);
        }

        if (!string.Equals(credentials.SessionToken ?? string.Empty, securityToken ?? string.Empty, StringComparison.Ordinal))
        {
            return SigV4Result.Fail(SigV4ErrorKind.InvalidToken, "UnrecognizedClientException", "The security token included in the request is invalid.", credentials);
        }

        var bodyHash = Hex(SHA256.HashData(body));
        if (!presigned && headerMap.TryGetValue("x-amz-content-sha256", out var declaredHash)
            && !string.Equals(declaredHash.ToString().Trim(), bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            return SigV4Result.Fail(SigV4ErrorKind.Signature, "InvalidSignatureException",
                "The provided 'x-amz-content-sha256' header does not match what was computed.", credentials);
        }

        var canonicalRequest = new StringBuilder(512)
            .Append(method).Append('\n')
            .Append(CanonicalUri(rawPath)).Append('\n')
            .Append(CanonicalQuery(query, presigned)).Append('\n');
        foreach (var name in signedHeaders!.Split(';'))
        {
            canonicalRequest.Append(name).Append(':');
            if (headerMap.TryGetValue(name, out var values))
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (i > 0)
                    {
                        canonicalRequest.Append(',');
                    }

                    AppendTrimmedCollapsed(canonicalRequest, values[i]);
                }
            }

            canonicalRequest.Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(body.IsEmpty ? EmptyBodyHash : bodyHash);
        var canonical = canonicalRequest.ToString();
        var credentialScope = $"{scopeDate}/{scopeRegion}/{scopeService}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";

        var key = SigningKey(credentials.SecretAccessKey, scopeDate, scopeRegion, scopeService);
        var expected = Hex(Hmac(key, stringToSign));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature!.ToLowerInvariant())))
        {
            return SigV4Result.Fail(SigV4ErrorKind.Signature, "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n",
                credentials);
        }

        return SigV4Result.Success(credentials);
    }

    /// <summary>The canonical URI of a wire path: normalised, then each segment percent-encoded (again).</summary>
    /// <param name="rawPath">The path as received, still percent-encoded.</param>
    /// <returns>The canonical URI.</returns>
    internal static string CanonicalUri(string rawPath)
    {
        if (rawPath.Length == 0)
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        var builder = new StringBuilder(rawPath.Length * 2);
        foreach (var segment in segments)
        {
            builder.Append('/');
            Encode(builder, Encoding.UTF8.GetBytes(segment));
        }

        var lastSegment = rawPath[(rawPath.LastIndexOf('/') + 1)..];
        if (segments.Count == 0 || (rawPath.EndsWith('/') || lastSegment is "." or ".."))
        {
            builder.Append('/');
        }

        return builder.ToString();
    }

    /// <summary>The canonical query: each key and value decoded then RFC 3986 encoded, sorted by key then value.</summary>
    private static string CanonicalQuery(List<KeyValuePair<string, string>> query, bool presigned)
    {
        var encoded = new List<(string Key, string Value)>(query.Count);
        foreach (var (key, value) in query)
        {
            if (presigned && key == "X-Amz-Signature")
            {
                continue;
            }

            encoded.Add((EncodeString(key), EncodeString(value)));
        }

        encoded.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', encoded.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>Splits a raw query into decoded pairs (a raw <c>+</c> is a space; a bare key has an empty value).</summary>
    private static List<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return pairs;
    }

    private static string? QueryValue(List<KeyValuePair<string, string>> query, string name)
    {
        foreach (var (key, value) in query)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    private static string Decode(string raw)
    {
        if (raw.IndexOfAny(['%', '+']) < 0)
        {
            return raw;
        }

        var bytes = new List<byte>(raw.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < raw.Length && Uri.IsHexDigit(raw[i + 1]) && Uri.IsHexDigit(raw[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(raw[i + 1]) << 4) | Uri.FromHex(raw[i + 2])));
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < raw.Length
                    ? Encoding.UTF8.GetBytes(raw.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(raw.AsSpan(i, 1), utf8);
                for (var j = 0; j < length; j++)
                {
                    bytes.Add(utf8[j]);
                }
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string EncodeString(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Encode(builder, Encoding.UTF8.GetBytes(value));
        return builder.ToString();
    }

    private static void Encode(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 0xF]);
            }
        }
    }

    private static void AppendTrimmedCollapsed(StringBuilder builder, string? value)
    {
        var span = (value ?? string.Empty).AsSpan().Trim();
        var lastWasSpace = false;
        foreach (var c in span)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }
    }

    private static bool TryParseAuthorization(string authorization, out string? credential, out string? signedHeaders, out string? signature)
    {
        credential = signedHeaders = signature = null;
        var value = authorization.Trim();
        if (!value.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in value[(Algorithm.Length + 1)..].Split(','))
        {
            var item = part.Trim();
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                continue;
            }

            var content = item[(equals + 1)..].Trim();
            switch (item[..equals].Trim())
            {
                case "Credential":
                    credential = content;
                    break;
                case "SignedHeaders":
                    signedHeaders = content;
                    break;
                case "Signature":
                    signature = content;
                    break;
            }
        }

        return !string.IsNullOrEmpty(credential) && !string.IsNullOrEmpty(signedHeaders) && !string.IsNullOrEmpty(signature);
    }

    private static void AppendMissing(StringBuilder builder, string? value, string message)
    {
        if (string.IsNullOrEmpty(value))
        {
            builder.Append(message);
        }
    }

    /// <summary>The signing key (four HMACs), cached per secret, day, region and service; the cache is small and cleared when full.</summary>
    private static byte[] SigningKey(string secret, string date, string region, string service)
    {
        var cacheKey = (secret, date, region, service);
        if (SigningKeys.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        if (SigningKeys.Count >= 256)
        {
            SigningKeys.Clear();
        }

        SigningKeys[cacheKey] = key;
        return key;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
