using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads claims from a JWT's payload <em>without validating its signature</em>: only for deciding when to refresh
/// tokens this process obtained itself, never for trusting a token. Errors never quote the token.
/// </summary>
internal static class JwtTokenReader
{
    /// <summary>Reads the <c>exp</c> claim.</summary>
    /// <param name="token">A JWT (header.payload.signature).</param>
    /// <returns>When the token expires.</returns>
    /// <exception cref="JwtFormatException">The token is not a JWT with a numeric <c>exp</c>.</exception>
    public static DateTimeOffset ReadExpiration(string token) => Read(token).ExpiresAt;

    /// <summary>Reads <c>exp</c>, <c>sub</c>, <c>username</c>/<c>cognito:username</c>, <c>iss</c> and <c>token_use</c>.</summary>
    /// <param name="token">A JWT (header.payload.signature).</param>
    /// <returns>The claims.</returns>
    /// <exception cref="JwtFormatException">The token is not a JWT with a numeric <c>exp</c>.</exception>
    public static JwtTokenClaims Read(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new JwtFormatException("The token is empty; expected a JWT (three base64url parts separated by '.').");
        }

        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            throw new JwtFormatException("The token is not a JWT: it does not have exactly three parts separated by '.'.");
        }

        var payload = DecodeBase64Url(token.AsSpan(first + 1, second - first - 1));
        return ReadClaims(payload);
    }

    private static byte[] DecodeBase64Url(ReadOnlySpan<char> part)
    {
        part = part.TrimEnd('=');
        if (part.IsEmpty || part.Length % 4 == 1)
        {
            throw new JwtFormatException("The token is not a JWT: its payload is not base64url.");
        }

        var padded = new char[(part.Length + 3) / 4 * 4];
        for (var i = 0; i < padded.Length; i++)
        {
            if (i >= part.Length)
            {
                padded[i] = '=';
                continue;
            }

            var c = part[i];
            padded[i] = c switch
            {
                '-' => '+',
                '_' => '/',
                _ when char.IsAsciiLetterOrDigit(c) => c,
                _ => throw new JwtFormatException("The token is not a JWT: its payload is not base64url."),
            };
        }

        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64Chars(padded, bytes, out var written)
            ? bytes[..written]
            : throw new JwtFormatException("The token is not a JWT: its payload is not base64url.");
    }

    private static JwtTokenClaims ReadClaims(byte[] payload)
    {
        DateTimeOffset? expiresAt = null;
        string? subject = null;
        string? username = null;
        string? cognitoUsername = null;
        string? issuer = null;
        string? tokenUse = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JwtFormatException("The token is not a JWT: its payload is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "exp":
                        expiresAt = ReadEpochSeconds(ref reader);
                        break;
                    case "sub":
                        subject = ReadString(ref reader);
                        break;
                    case "username":
                        username = ReadString(ref reader);
                        break;
                    case "cognito:username":
                        cognitoUsername = ReadString(ref reader);
                        break;
                    case "iss":
                        issuer = ReadString(ref reader);
                        break;
                    case "token_use":
                        tokenUse = ReadString(ref reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw new JwtFormatException("The token is not a JWT: its payload is not a single JSON object.");
            }
        }
        catch (JsonException)
        {
            // Not kept as the inner exception: its message can quote the payload.
            throw new JwtFormatException("The token is not a JWT: its payload is not valid JSON.");
        }

        return expiresAt is { } exp
            ? new JwtTokenClaims(exp, subject, username ?? cognitoUsername, issuer, tokenUse)
            : throw new JwtFormatException("The JWT has no 'exp' claim, so its expiry cannot be known.");
    }

    private static DateTimeOffset ReadEpochSeconds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds))
        {
            var milliseconds = Math.Floor(seconds * 1000d);
            if (milliseconds >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
            }
        }

        throw new JwtFormatException("The JWT's 'exp' claim is not a number of seconds since 1970 (NumericDate).");
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
