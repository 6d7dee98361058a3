using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Credentials;

/// <summary>Static credentials obey the same rules as a provider's: no empty key or secret, printable ASCII only, never echoed.</summary>
[TestFixture]
public sealed class StaticAwsCredentialsProviderTests
{
    [TestCase("AKID\r\nX-Injected: 1", "secret", null)]
    [TestCase("AKID", "secret-value\n", null)]
    [TestCase("AKID", "secret", "session-token\r\nX-Injected: 1")]
    [TestCase("AKID", "secret", "session-t\u00f6ken")]
    [TestCase("AKID", "secret-v\0alue", null)]
    public void Constructor_ControlOrNonAsciiCharacter_ThrowsWithoutEchoingTheValue(string accessKey, string secret, string? token)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new StaticAwsCredentialsProvider(new AwsCredentials(accessKey, secret, token)));

        Assert.That(ex!.Message, Does.Contain("control character").And.Not.Contain("secret-").And.Not.Contain("session-").And.Not.Contain("Injected"));
    }

    [TestCase("", "secret")]
    [TestCase("AKID", "")]
    [TestCase("AKID", "  ")]
    public void Constructor_EmptyOrWhitespaceKeyOrSecret_Throws(string accessKey, string secret) =>
        Assert.That(() => new StaticAwsCredentialsProvider(new AwsCredentials(accessKey, secret)), Throws.InstanceOf<ArgumentException>());

    [Test]
    public async Task GetCredentialsAsync_PrintableCredentials_AreReturned()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==");

        Assert.That(await new StaticAwsCredentialsProvider(credentials).GetCredentialsAsync(), Is.SameAs(credentials));
    }

    [Test]
    public void ToString_NamesTheAccessKeyIdOnly()
    {
        var provider = new StaticAwsCredentialsProvider(new AwsCredentials("AKIDSHOWN", "secret-hidden", "token-hidden"));

        Assert.That(provider.ToString(), Is.EqualTo("StaticAwsCredentialsProvider { AccessKeyId = AKIDSHOWN }"));
    }

    [Test]
    public void Constructor_NullCredentials_Throws() =>
        Assert.That(() => new StaticAwsCredentialsProvider(null!), Throws.ArgumentNullException);
}
