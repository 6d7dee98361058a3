using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class AwsSigV4SigningDetailsTests
{
    [Test]
    public void Constructor_Texts_KeptAsGivenAndToStringPrintsNeither()
    {
        var details = new AwsSigV4SigningDetails("GET\n/\n\nx-amz-security-token:SECRET-TOKEN\n", "AWS4-HMAC-SHA256\nSTS");

        Assert.Multiple(() =>
        {
            Assert.That(details.CanonicalRequest, Is.EqualTo("GET\n/\n\nx-amz-security-token:SECRET-TOKEN\n"));
            Assert.That(details.StringToSign, Is.EqualTo("AWS4-HMAC-SHA256\nSTS"));
            Assert.That(details.ToString(), Is.EqualTo("AwsSigV4SigningDetails (redacted)"));
        });
    }

    [Test]
    public void Constructor_NullCanonicalRequest_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _ = new AwsSigV4SigningDetails(null!, "sts"));

        Assert.That(error!.ParamName, Is.EqualTo("canonicalRequest"));
    }

    [Test]
    public void Constructor_NullStringToSign_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentNullException>(() => _ = new AwsSigV4SigningDetails("creq", null!));

        Assert.That(error!.ParamName, Is.EqualTo("stringToSign"));
    }
}
