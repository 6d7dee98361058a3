using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Caches SigV4 signing keys (the four chained HMACs) per access key ID, date, region and service. The cache is
/// bounded by its capacity, and inserting a key for a day drops every key of an earlier day, so it never holds
/// keys that can no longer sign. Lookups take no lock; inserts do.
/// </summary>
internal sealed class SigningKeyCache
{
    private readonly Entry?[] _entries;
    private readonly Lock _gate = new();
    private int _nextVictim;

    public SigningKeyCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _entries = new Entry?[capacity];
    }

    /// <summary>The number of keys held (for tests).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            for (int i = 0; i < _entries.Length; i++)
            {
                if (Volatile.Read(ref _entries[i]) is not null)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>Returns the 32-byte signing key; <paramref name="date"/> is the scope date <c>yyyyMMdd</c> as ASCII.</summary>
    public byte[] GetOrCreate(AwsCredentials credentials, int dayNumber, ReadOnlySpan<byte> date, string region, string service)
    {
        Entry?[] entries = _entries;
        for (int i = 0; i < entries.Length; i++)
        {
            Entry? entry = Volatile.Read(ref entries[i]);
            if (entry is not null
                && entry.DayNumber == dayNumber
                && string.Equals(entry.AccessKeyId, credentials.AccessKeyId, StringComparison.Ordinal)
                && string.Equals(entry.Region, region, StringComparison.Ordinal)
                && string.Equals(entry.Service, service, StringComparison.Ordinal)
                && string.Equals(entry.SecretAccessKey, credentials.SecretAccessKey, StringComparison.Ordinal))
            {
                return entry.Key;
            }
        }

        byte[] key = new byte[32];
        Derive(credentials.SecretAccessKey, date, region, service, key);
        var created = new Entry(credentials.AccessKeyId, credentials.SecretAccessKey, dayNumber, region, service, key);
        lock (_gate)
        {
            int free = -1;
            for (int i = 0; i < entries.Length; i++)
            {
                if (entries[i] is { } old && old.DayNumber < dayNumber)
                {
                    Volatile.Write(ref entries[i], null);
                }

                if (free < 0 && entries[i] is null)
                {
                    free = i;
                }
            }

            if (free < 0)
            {
                free = _nextVictim;
                _nextVictim = (_nextVictim + 1) % entries.Length;
            }

            Volatile.Write(ref entries[free], created);
        }

        return key;
    }

    /// <summary>kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").</summary>
    internal static void Derive(string secretAccessKey, ReadOnlySpan<byte> date, string region, string service, Span<byte> destination)
    {
        int secretMax = Encoding.UTF8.GetMaxByteCount(secretAccessKey.Length) + 4;
        int nameMax = Encoding.UTF8.GetMaxByteCount(Math.Max(region.Length, service.Length));
        byte[] rented = ArrayPool<byte>.Shared.Rent(secretMax + nameMax + 64);
        try
        {
            Span<byte> secret = rented.AsSpan(0, secretMax);
            "AWS4"u8.CopyTo(secret);
            int secretLength = 4 + Encoding.UTF8.GetBytes(secretAccessKey, secret[4..]);
            Span<byte> name = rented.AsSpan(secretMax, nameMax);
            Span<byte> k1 = rented.AsSpan(secretMax + nameMax, 32);
            Span<byte> k2 = rented.AsSpan(secretMax + nameMax + 32, 32);

            HMACSHA256.HashData(secret[..secretLength], date, k1);
            int length = Encoding.UTF8.GetBytes(region, name);
            HMACSHA256.HashData(k1, name[..length], k2);
            length = Encoding.UTF8.GetBytes(service, name);
            HMACSHA256.HashData(k2, name[..length], k1);
            HMACSHA256.HashData(k1, "aws4_request"u8, destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented);
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private sealed record Entry(string AccessKeyId, string SecretAccessKey, int DayNumber, string Region, string Service, byte[] Key)
    {
        // Records print every property; this one holds a secret and a key.
        public override string ToString() => $"SigningKey {{ AccessKeyId = {AccessKeyId}, DayNumber = {DayNumber}, Region = {Region}, Service = {Service} }}";
    }
}
