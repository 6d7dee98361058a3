using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// The server side of Cognito's SRP-6a: the 3072-bit group of RFC 5054 with g = 2, SHA-256, and the padding
/// Cognito's clients use (each number as the big-endian two's complement bytes of a positive integer: minimal
/// length, plus a leading zero byte when the top bit is set).
/// </summary>
internal static class SrpServer
{
    private const string NHex =
        "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD" +
        "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
        "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F" +
        "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
        "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510" +
        "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7" +
        "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C" +
        "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF";

    public static readonly BigInteger N = BigInteger.Parse("0" + NHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static readonly BigInteger G = 2;

    /// <summary>k = H(pad(N) | pad(g)): SHA-256 over 0x00‖N (385 bytes) and 0x02.</summary>
    public static readonly BigInteger K = HashToInteger(Concat(Pad(N), Pad(G)));

    private static readonly byte[] HkdfInfo = Encoding.UTF8.GetBytes("Caldera Derived Key\u0001");

    /// <summary>Cognito's padding: the positive integer's big-endian two's complement bytes.</summary>
    public static byte[] Pad(BigInteger value) => value.ToByteArray(isUnsigned: false, isBigEndian: true);

    public static BigInteger FromHex(string hex) =>
        BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>Lowercase hex without sign padding, as Cognito writes SRP_B and SALT.</summary>
    public static string ToHex(BigInteger value) => Convert.ToHexStringLower(value.ToByteArray(isUnsigned: true, isBigEndian: true));

    /// <summary>x = H(pad(salt) | H(poolName | userId | ":" | password)).</summary>
    public static BigInteger ComputeX(BigInteger salt, string poolName, string userId, string password)
    {
        var inner = SHA256.HashData(Encoding.UTF8.GetBytes(poolName + userId + ":" + password));
        return HashToInteger(Concat(Pad(salt), inner));
    }

    /// <summary>v = g^x mod N.</summary>
    public static BigInteger ComputeVerifier(BigInteger x) => BigInteger.ModPow(G, x, N);

    /// <summary>B = (k·v + g^b) mod N.</summary>
    public static BigInteger ComputeB(BigInteger verifier, BigInteger b) => ((K * verifier) + BigInteger.ModPow(G, b, N)) % N;

    /// <summary>u = H(pad(A) | pad(B)).</summary>
    public static BigInteger ComputeU(BigInteger a, BigInteger b) => HashToInteger(Concat(Pad(a), Pad(b)));

    /// <summary>S = (A · v^u)^b mod N: the secret the client reaches as (B − k·g^x)^(a + u·x).</summary>
    public static BigInteger ComputeServerS(BigInteger clientA, BigInteger verifier, BigInteger u, BigInteger b) =>
        BigInteger.ModPow(clientA * BigInteger.ModPow(verifier, u, N) % N, b, N);

    /// <summary>The 16-byte key: HKDF-SHA256 with ikm = pad(S), salt = pad(u), info "Caldera Derived Key" ‖ 0x01 (one block).</summary>
    public static byte[] DeriveKey(BigInteger s, BigInteger u)
    {
        var prk = HMACSHA256.HashData(Pad(u), Pad(s));
        return HMACSHA256.HashData(prk, HkdfInfo)[..16];
    }

    /// <summary>Base64(HMAC-SHA256(key, poolName | userId | secretBlock bytes | timestamp)).</summary>
    public static string ComputeSignature(byte[] key, string poolName, string userId, byte[] secretBlock, string timestamp)
    {
        var message = Concat(Encoding.UTF8.GetBytes(poolName + userId), secretBlock, Encoding.UTF8.GetBytes(timestamp));
        return Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    /// <summary>A random private value of 256 bits (Cognito's clients use 128 bytes; the size is the server's choice).</summary>
    public static BigInteger RandomPrivate()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    private static BigInteger HashToInteger(byte[] data) => new(SHA256.HashData(data), isUnsigned: true, isBigEndian: true);

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
