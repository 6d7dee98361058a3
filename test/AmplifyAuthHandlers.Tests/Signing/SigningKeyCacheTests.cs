using System.Buffers;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class SigningKeyCacheTests
{
    private static readonly AwsCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Test]
    public void Derive_AwsDocumentationExample_MatchesPublishedKey()
    {
        byte[] key = new byte[32];

        SigningKeyCache.Derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215"u8, "us-east-1", "iam", key);

        Assert.That(Convert.ToHexStringLower(key), Is.EqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
    }

    [Test]
    public void GetOrCreate_SameScope_ReturnsTheCachedKey()
    {
        var cache = new SigningKeyCache(4);

        byte[] first = Get(cache, Credentials, 1000, "us-east-1");
        byte[] second = Get(cache, Credentials, 1000, "us-east-1");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.SameAs(first));
            Assert.That(cache.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public void GetOrCreate_SameAccessKeyDifferentSecret_DerivesAnotherKey()
    {
        var cache = new SigningKeyCache(4);

        byte[] first = Get(cache, Credentials, 1000, "us-east-1");
        byte[] second = Get(cache, Credentials with { SecretAccessKey = "another-secret" }, 1000, "us-east-1");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void GetOrCreate_LaterDay_DropsKeysOfEarlierDays()
    {
        var cache = new SigningKeyCache(8);
        Get(cache, Credentials, 1000, "us-east-1");
        Get(cache, Credentials, 1000, "eu-west-1");

        Get(cache, Credentials, 1001, "us-east-1");

        Assert.That(cache.Count, Is.EqualTo(1));
    }

    [Test]
    public void GetOrCreate_MoreScopesThanCapacity_NeverHoldsMoreThanCapacity()
    {
        var cache = new SigningKeyCache(3);

        for (int i = 0; i < 10; i++)
        {
            Get(cache, Credentials with { AccessKeyId = "AKID" + i }, 1000, "us-east-1");
        }

        Assert.That(cache.Count, Is.EqualTo(3));
    }

    [Test]
    public void GetOrCreate_EvictedThenRequested_DerivesTheSameKeyAgain()
    {
        var cache = new SigningKeyCache(1);
        byte[] first = Get(cache, Credentials, 1000, "us-east-1");
        Get(cache, Credentials, 1000, "eu-west-1");

        byte[] again = Get(cache, Credentials, 1000, "us-east-1");

        Assert.That(again, Is.EqualTo(first).And.Not.SameAs(first));
    }

    [TestCase("ap-southeast-2", "s3")]
    [TestCase("us-east-1", "a-service-name-longer-than-thrice-the-region")]
    [TestCase("eu-west-1", "execute-api")]
    public void Derive_RegionAndServiceOfAnyLength_MatchesTheHmacChain(string region, string service)
    {
        byte[] key = new byte[32];

        SigningKeyCache.Derive(Credentials.SecretAccessKey, "20261126"u8, region, service, key);

        Assert.That(key, Is.EqualTo(HmacChain(Credentials.SecretAccessKey, "20261126", region, service)));
    }

    [Test]
    public void Derive_NonAsciiSecret_MatchesTheHmacChainOfItsUtf8()
    {
        byte[] key = new byte[32];

        SigningKeyCache.Derive("\u20ac\u20ac\u20ac\u20ac", "20261126"u8, "eu-west-1", "execute-api", key);

        Assert.That(key, Is.EqualTo(HmacChain("\u20ac\u20ac\u20ac\u20ac", "20261126", "eu-west-1", "execute-api")));
    }

    [Test]
    public void Derive_ItsPooledBuffer_ReturnedWithoutTheSecret()
    {
        // Secret, names and intermediate keys fit in under 128 bytes: the pool's 128-byte bucket, which this thread
        // gets back first on its next rent of that size.
        SigningKeyCache.Derive("s", "20261126"u8, "r1", "svc", new byte[32]);

        byte[] reused = ArrayPool<byte>.Shared.Rent(128);
        try
        {
            Assert.That(reused, Is.All.Zero);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(reused);
        }
    }

    [Test]
    public void GetOrCreate_OtherRegionOrService_DerivesThatScopesKey()
    {
        var cache = new SigningKeyCache(4);
        Get(cache, Credentials, 1000, "us-east-1");

        byte[] otherRegion = Get(cache, Credentials, 1000, "eu-west-1");
        byte[] otherService = cache.GetOrCreate(Credentials, 1000, Encoding.ASCII.GetBytes("20261000"), "us-east-1", "s3");

        Assert.Multiple(() =>
        {
            Assert.That(otherRegion, Is.EqualTo(HmacChain(Credentials.SecretAccessKey, "20261000", "eu-west-1", "execute-api")));
            Assert.That(otherService, Is.EqualTo(HmacChain(Credentials.SecretAccessKey, "20261000", "us-east-1", "s3")));
            Assert.That(cache.Count, Is.EqualTo(3));
        });
    }

    [Test]
    public void GetOrCreate_NextDay_DerivesTheNextDaysKey()
    {
        var cache = new SigningKeyCache(4);
        Get(cache, Credentials, 1000, "us-east-1");

        byte[] next = Get(cache, Credentials, 1001, "us-east-1");

        Assert.That(next, Is.EqualTo(HmacChain(Credentials.SecretAccessKey, "20261001", "us-east-1", "execute-api")));
    }

    [Test]
    public void GetOrCreate_OtherAccessKeyWithTheSameSecret_CachedAsItsOwnEntry()
    {
        var cache = new SigningKeyCache(4);
        byte[] first = Get(cache, Credentials, 1000, "us-east-1");

        byte[] second = Get(cache, Credentials with { AccessKeyId = "AKIDOTHER" }, 1000, "us-east-1");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(first).And.Not.SameAs(first));
            Assert.That(cache.Count, Is.EqualTo(2));
        });
    }

    [Test]
    public void GetOrCreate_EarlierDayAfterALaterOne_KeepsTheLaterDaysKeys()
    {
        var cache = new SigningKeyCache(4);
        byte[] later = Get(cache, Credentials, 1001, "us-east-1");

        Get(cache, Credentials, 1000, "us-east-1");

        Assert.Multiple(() =>
        {
            Assert.That(cache.Count, Is.EqualTo(2));
            Assert.That(Get(cache, Credentials, 1001, "us-east-1"), Is.SameAs(later));
        });
    }

    [Test]
    public void GetOrCreate_Full_EvictsTheOldestEntryFirst()
    {
        var cache = new SigningKeyCache(2);
        Get(cache, Credentials, 1000, "r-1");
        byte[] second = Get(cache, Credentials, 1000, "r-2");
        Get(cache, Credentials, 1000, "r-3");
        byte[] secondAfterOneEviction = Get(cache, Credentials, 1000, "r-2");
        byte[] fourth = Get(cache, Credentials, 1000, "r-4");

        byte[] fourthAgain = Get(cache, Credentials, 1000, "r-4");
        byte[] secondAgain = Get(cache, Credentials, 1000, "r-2");

        Assert.Multiple(() =>
        {
            Assert.That(secondAfterOneEviction, Is.SameAs(second), "r-1 went first");
            Assert.That(fourthAgain, Is.SameAs(fourth));
            Assert.That(secondAgain, Is.Not.SameAs(second), "r-2 was the oldest left when r-4 came");
        });
    }

    [Test]
    public void Entry_ToString_NamesTheScopeWithoutSecretOrKey()
    {
        var cache = new SigningKeyCache(1);
        Get(cache, Credentials, 1000, "us-east-1");
        var entries = (Array)typeof(SigningKeyCache).GetField("_entries", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(cache)!;

        string text = entries.GetValue(0)!.ToString()!;

        Assert.That(text, Is.EqualTo("SigningKey { AccessKeyId = AKIDEXAMPLE, DayNumber = 1000, Region = us-east-1, Service = execute-api }"));
    }

    [Test]
    public void Constructor_ZeroCapacity_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SigningKeyCache(0));

    /// <summary>The SigV4 key derivation written out step by step, as the AWS documentation gives it.</summary>
    private static byte[] HmacChain(string secret, string date, string region, string service)
    {
        byte[] kDate = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        byte[] kRegion = HMACSHA256.HashData(kDate, Encoding.UTF8.GetBytes(region));
        byte[] kService = HMACSHA256.HashData(kRegion, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(kService, "aws4_request"u8);
    }

    [Test]
    public void GetOrCreate_FreeSlotLeftByAnEarlierDay_FilledBeforeEvictingAKey()
    {
        // A key for an earlier day (a request signed with a lagging clock) takes the second slot; the next day's
        // key drops it and takes its slot, keeping the first key rather than evicting it round-robin.
        var cache = new SigningKeyCache(2);
        byte[] first = Get(cache, Credentials, 1001, "us-east-1");
        Get(cache, Credentials, 1000, "us-east-1");
        Get(cache, Credentials, 1001, "eu-west-1");

        byte[] again = Get(cache, Credentials, 1001, "us-east-1");

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.SameAs(first));
            Assert.That(cache.Count, Is.EqualTo(2));
        });
    }

    private static byte[] Get(SigningKeyCache cache, AwsCredentials credentials, int day, string region) =>
        cache.GetOrCreate(credentials, day, Encoding.ASCII.GetBytes("2026" + day.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), region, "execute-api");
}
