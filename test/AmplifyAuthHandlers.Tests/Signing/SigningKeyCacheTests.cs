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

    private static byte[] Get(SigningKeyCache cache, AwsCredentials credentials, int day, string region) =>
        cache.GetOrCreate(credentials, day, Encoding.ASCII.GetBytes("2026" + day.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)), region, "execute-api");
}
