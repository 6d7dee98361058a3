using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Testing.ApiGateway;

/// <summary>Why a JWT was refused (tests assert on it; the wire says only "Unauthorized").</summary>
internal enum JwtFailure
{
    /// <summary>Verified.</summary>
    None,

    /// <summary>Not three base64url parts of JSON, or not RS256.</summary>
    Malformed,

    /// <summary>No registered issuer signs tokens with this <c>iss</c>.</summary>
    UnknownIssuer,

    /// <summary>The issuer has no key with this <c>kid</c>.</summary>
    UnknownKey,

    /// <summary>The RS256 signature does not verify.</summary>
    BadSignature,

    /// <summary><c>exp</c> is missing or not after now.</summary>
    Expired,

    /// <summary><c>token_use</c> is not one the API accepts.</summary>
    WrongTokenUse,

    /// <summary>The <c>aud</c> (ID token) or <c>client_id</c> (access token) is not one of the issuer's clients.</summary>
    WrongAudience,
}

/// <summary>The outcome of <see cref="JwtVerifier.Verify"/>.</summary>
/// <param name="Failure">Why it was refused, or <see cref="JwtFailure.None"/>.</param>
/// <param name="Subject">The <c>sub</c> claim of a verified token.</param>
/// <param name="TokenUse">The <c>token_use</c> claim, when present.</param>
internal sealed record JwtResult(JwtFailure Failure, string? Subject, string? TokenUse)
{
    public bool IsValid => Failure == JwtFailure.None;
}

/// <summary>
/// Verifies an RS256 JWT the way API Gateway's Cognito authorizer does: signature by the issuer's key named in the
/// header's <c>kid</c>, <c>iss</c>, <c>exp</c>, <c>token_use</c> and the client (ID token <c>aud</c>, access token
/// <c>client_id</c>). System.Security.Cryptography only.
/// </summary>
internal static class JwtVerifier
{
    /// <summary>Verifies <paramref name="token"/>.</summary>
    /// <param name="token">The compact JWT.</param>
    /// <param name="issuers">The issuers trusted.</param>
    /// <param name="allowedTokenUses">The <c>token_use</c> values accepted.</param>
    /// <param name="requireTokenUse">Whether a token without <c>token_use</c> is refused.</param>
    /// <param name="now">The verifier's current time.</param>
    /// <returns>The outcome.</returns>
    public static JwtResult Verify(string token, IReadOnlyList<ILocalTokenIssuer> issuers, IReadOnlyCollection<string> allowedTokenUses, bool requireTokenUse, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var headerBytes) || !TryDecode(parts[1], out var payloadBytes) || !TryDecode(parts[2], out var signature))
        {
            return Fail(JwtFailure.Malformed);
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            using var payload = JsonDocument.Parse(payloadBytes);
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object
                || GetString(header.RootElement, "alg") != "RS256")
            {
                return Fail(JwtFailure.Malformed);
            }

            var claims = payload.RootElement;
            var issuerName = GetString(claims, "iss");
            var issuer = issuers.FirstOrDefault(i => string.Equals(i.Issuer, issuerName, StringComparison.Ordinal));
            if (issuer is null)
            {
                return Fail(JwtFailure.UnknownIssuer);
            }

            if (GetString(header.RootElement, "kid") is not { } kid || !issuer.TryGetSigningKey(kid, out var key))
            {
                return Fail(JwtFailure.UnknownKey);
            }

            var signed = Encoding.ASCII.GetBytes(string.Concat(parts[0], ".", parts[1]));
            if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Fail(JwtFailure.BadSignature);
            }

            if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number
                || !exp.TryGetInt64(out var expSeconds) || DateTimeOffset.FromUnixTimeSeconds(expSeconds) <= now)
            {
                return Fail(JwtFailure.Expired);
            }

            var tokenUse = GetString(claims, "token_use");
            if (tokenUse is null ? requireTokenUse : !allowedTokenUses.Contains(tokenUse))
            {
                return Fail(JwtFailure.WrongTokenUse);
            }

            var client = tokenUse == "access" ? GetString(claims, "client_id") : null;
            var audienceMatches = tokenUse == "access"
                ? client is not null && issuer.ClientIds.Contains(client)
                : Audiences(claims).Any(issuer.ClientIds.Contains);
            if (!audienceMatches)
            {
                return Fail(JwtFailure.WrongAudience);
            }

            return new JwtResult(JwtFailure.None, GetString(claims, "sub"), tokenUse);
        }
        catch (JsonException)
        {
            return Fail(JwtFailure.Malformed);
        }
    }

    private static JwtResult Fail(JwtFailure failure) => new(failure, null, null);

    private static IEnumerable<string> Audiences(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            yield break;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            yield return aud.GetString()!;
        }
        else if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryDecode(string part, out byte[] bytes)
    {
        bytes = [];
        if (part.Length == 0)
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(part);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
