using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class ProvidedCredentialsValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IAwsCredentialsProvider Provider = new ExternalProvider();
    private static readonly string Name = typeof(ExternalProvider).FullName!;

    private static string Problem(AwsCredentials? credentials) =>
        Assert.Throws<AwsCredentialsUnavailableException>(() => ProvidedCredentialsValidator.Validate(credentials, Now, "items", Provider))!.Message;

    private static string Expected(string problem) =>
        $"Endpoint 'items': the AWS credentials provider {Name} {problem}, so the request was not sent. Return valid, unexpired credentials, or throw AwsCredentialsUnavailableException when there are none.";

    [Test]
    public void Validate_Null_SaysSo() =>
        Assert.That(Problem(null), Is.EqualTo(Expected("returned no credentials (null)")));

    [TestCase(" ", "secret")]
    [TestCase("AKID", "")]
    public void Validate_EmptyKeyOrSecret_SaysSo(string accessKeyId, string secret) =>
        Assert.That(Problem(new AwsCredentials(accessKeyId, secret)), Is.EqualTo(Expected("returned an empty or whitespace access key ID or secret access key")));

    [TestCase("AKID\n")]
    [TestCase("AKID\u007f")]
    [TestCase("AKÏD")]
    public void Validate_AccessKeyIdNotPrintable_SaysWhichPart(string accessKeyId) =>
        Assert.That(Problem(new AwsCredentials(accessKeyId, "secret")), Is.EqualTo(Expected("returned an access key ID with a control character (such as a line break) or a non-ASCII character")));

    [Test]
    public void Validate_SecretNotPrintable_SaysWhichPartWithoutTheValue()
    {
        var message = Problem(new AwsCredentials("AKID", "secret\r\nX: 1"));

        Assert.That(message, Is.EqualTo(Expected("returned a secret access key with a control character (such as a line break) or a non-ASCII character")));
    }

    [Test]
    public void Validate_SessionTokenNotPrintable_SaysWhichPart() =>
        Assert.That(Problem(new AwsCredentials("AKID", "secret", "token\0")), Is.EqualTo(Expected("returned a session token with a control character (such as a line break) or a non-ASCII character")));

    [Test]
    public void Validate_ExpiredExactlyNow_SaysWhenInRoundTripFormat()
    {
        var message = Problem(new AwsCredentials("AKID", "secret", "token", Now));

        Assert.That(message, Is.EqualTo(Expected("returned credentials that expired at 2026-11-26T12:00:00.0000000+00:00 (now 2026-11-26T12:00:00.0000000+00:00), also when asked again")));
    }

    [Test]
    public void Validate_UsableCredentials_AreReturnedAsGiven()
    {
        var expiresLater = new AwsCredentials("AKID", "secret", "token", Now.AddTicks(1));
        var noExpiry = new AwsCredentials("AKID", "~!secret with spaces");

        Assert.That(ProvidedCredentialsValidator.Validate(expiresLater, Now, "items", Provider), Is.SameAs(expiresLater));
        Assert.That(ProvidedCredentialsValidator.Validate(noExpiry, Now, "items", Provider), Is.SameAs(noExpiry));
    }

    [Test]
    public void IsExpired_ComparesWithNowInclusive()
    {
        Assert.That(ProvidedCredentialsValidator.IsExpired(new AwsCredentials("A", "s", null, Now), Now), Is.True);
        Assert.That(ProvidedCredentialsValidator.IsExpired(new AwsCredentials("A", "s", null, Now.AddTicks(1)), Now), Is.False);
        Assert.That(ProvidedCredentialsValidator.IsExpired(new AwsCredentials("A", "s"), Now), Is.False);
        Assert.That(ProvidedCredentialsValidator.IsExpired(null, Now), Is.False);
    }

    [Test]
    public void Describe_TheLibrarysOwnProvider_DescribesItself() =>
        Assert.That(ProvidedCredentialsValidator.Describe(new StaticAwsCredentialsProvider(new AwsCredentials("AKIDOWN", "secret"))), Is.EqualTo("StaticAwsCredentialsProvider { AccessKeyId = AKIDOWN }"));

    [Test]
    public void Describe_AnApplicationsProvider_IsNamedByItsTypeNotItsText() =>
        Assert.That(ProvidedCredentialsValidator.Describe(Provider), Is.EqualTo(Name).And.Not.Contain("secret"));

    private sealed class ExternalProvider : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(new AwsCredentials("AKID", "secret"));

        public override string ToString() => "ExternalProvider(secret=hunter2)";
    }
}
