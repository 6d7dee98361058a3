using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Testing;

/// <summary>RFC 6238 time-based one-time codes (HMAC-SHA1, 30-second steps, 6 digits), as authenticator apps compute them.</summary>
public static class LocalTotp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Computes the code of <paramref name="base32Secret"/> at <paramref name="time"/>.</summary>
    /// <param name="base32Secret">The shared secret in base32 (as Cognito's <c>AssociateSoftwareToken</c> returns it).</param>
    /// <param name="time">The time the code is for.</param>
    /// <returns>Six digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="base32Secret"/> is not base32.</exception>
    public static string ComputeCode(string base32Secret, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(base32Secret);
        return ComputeCode(DecodeBase32(base32Secret), time.ToUnixTimeSeconds() / 30);
    }

    /// <summary>Creates a random base32 secret of 32 characters (160 bits).</summary>
    /// <returns>The secret.</returns>
    public static string CreateSecret()
    {
        var bytes = RandomNumberGenerator.GetBytes(20);
        var chars = new char[32];
        for (var i = 0; i < 32; i++)
        {
            var bit = i * 5;
            var value = (bytes[bit / 8] << 8) | (bit / 8 + 1 < bytes.Length ? bytes[(bit / 8) + 1] : 0);
            chars[i] = Base32Alphabet[(value >> (11 - (bit % 8))) & 31];
        }

        return new string(chars);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 6238 TOTP, as authenticator apps and Cognito compute it, is HMAC-SHA1.")]
    internal static string ComputeCode(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    internal static byte[] DecodeBase32(string secret)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in secret.TrimEnd('=').ToUpperInvariant())
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var index = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException("The TOTP secret is not base32.", nameof(secret));
            }

            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. output];
    }
}
