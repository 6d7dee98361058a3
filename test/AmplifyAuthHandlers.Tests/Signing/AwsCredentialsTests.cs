using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class AwsCredentialsTests
{
    [Test]
    public void ToString_TemporaryCredentials_NamesAccessKeyAndExpiryRedactsSecrets()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "FwoGZXIvYXdzTOKEN", new DateTimeOffset(2026, 11, 26, 5, 6, 7, TimeSpan.Zero));

        Assert.That(credentials.ToString(), Is.EqualTo(
            "AwsCredentials { AccessKeyId = AKIDEXAMPLE, SecretAccessKey = ***, SessionToken = ***, Expiration = 2026-11-26T05:06:07.0000000+00:00 }"));
    }

    [Test]
    public void ToString_LongTermCredentials_SaysNoTokenAndNoExpiry()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG");

        Assert.That(credentials.ToString(), Is.EqualTo(
            "AwsCredentials { AccessKeyId = AKIDEXAMPLE, SecretAccessKey = ***, SessionToken = (none), Expiration = (none) }"));
    }
}
