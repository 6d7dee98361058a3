using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Testing;

/// <summary>Signs and reads RS256 JWTs (compact form) with Utf8JsonWriter / JsonDocument: no reflection.</summary>
internal static class Jwt
{
    public static string Sign(RSA key, string keyId, Action<Utf8JsonWriter> writeClaims)
    {
        var header = Base64Url(Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("kid", keyId);
            w.WriteString("alg", "RS256");
            w.WriteEndObject();
        }));
        var payload = Base64Url(Json(w =>
        {
            w.WriteStartObject();
            writeClaims(w);
            w.WriteEndObject();
        }));
        var signingInput = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    /// <summary>Reads a JWT whose RS256 signature a key of <paramref name="findKey"/> verifies; <see langword="null"/> when it is malformed or forged.</summary>
    public static JsonElement? ReadVerified(string token, Func<string, RSA?> findKey)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(FromBase64Url(parts[0]));
            if (header.RootElement.ValueKind != JsonValueKind.Object
                || !header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueEquals("RS256") is false
                || !header.RootElement.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || findKey(kid.GetString()!) is not { } key)
            {
                return null;
            }

            if (!key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return null;
            }

            using var payload = JsonDocument.Parse(FromBase64Url(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object ? payload.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static string Base64Url(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
