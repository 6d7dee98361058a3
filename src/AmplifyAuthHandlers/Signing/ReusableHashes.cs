using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// SHA-256 and HMAC-SHA256 with per-thread reusable <see cref="IncrementalHash"/> objects, so a signature does not
/// create and free native hash contexts each time. The HMAC object is keyed with the last signing key the thread
/// used (identified by the cache's array instance) and re-keyed when another key comes along.
/// </summary>
internal static class ReusableHashes
{
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacKey;

    public static void Sha256(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        IncrementalHash hash = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(source);
        hash.TryGetHashAndReset(destination, out _);
    }

    /// <summary>HMAC-SHA256 of <paramref name="source"/> under <paramref name="key"/>, a cached signing key (never mutated).</summary>
    public static void HmacSha256(byte[] key, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        IncrementalHash? hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacKey, key))
        {
            hmac?.Dispose();
            hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            t_hmac = hmac;
            t_hmacKey = key;
        }

        hmac.AppendData(source);
        hmac.TryGetHashAndReset(destination, out _);
    }
}
