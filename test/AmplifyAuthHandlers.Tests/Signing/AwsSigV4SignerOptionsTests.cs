using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class AwsSigV4SignerOptionsTests
{
    [Test]
    public void MaxBufferedPayloadBytes_Default_ApiGatewaysTenMegabytes() =>
        Assert.That(new AwsSigV4SignerOptions().MaxBufferedPayloadBytes, Is.EqualTo(10_485_760));

    [TestCase(1)]
    [TestCase(1024)]
    public void SigningKeyCacheCapacity_Bounds_Accepted(int capacity) =>
        Assert.That(new AwsSigV4SignerOptions { SigningKeyCacheCapacity = capacity }.SigningKeyCacheCapacity, Is.EqualTo(capacity));

    [TestCase(0)]
    [TestCase(1025)]
    public void SigningKeyCacheCapacity_OutOfRange_Refused(int capacity)
    {
        var options = new AwsSigV4SignerOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.SigningKeyCacheCapacity = capacity);

        Assert.Multiple(() =>
        {
            Assert.That(error!.ActualValue, Is.EqualTo(capacity));
            Assert.That(options.SigningKeyCacheCapacity, Is.EqualTo(16));
        });
    }

    [TestCase(1L)]
    [TestCase(0x7FFFFFC7L)]
    public void MaxBufferedPayloadBytes_Bounds_Accepted(long limit) =>
        Assert.That(new AwsSigV4SignerOptions { MaxBufferedPayloadBytes = limit }.MaxBufferedPayloadBytes, Is.EqualTo(limit));

    [TestCase(0L)]
    [TestCase(0x7FFFFFC8L)]
    public void MaxBufferedPayloadBytes_OutOfRange_Refused(long limit)
    {
        var options = new AwsSigV4SignerOptions();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.MaxBufferedPayloadBytes = limit);

        Assert.Multiple(() =>
        {
            Assert.That(error!.ActualValue, Is.EqualTo(limit));
            Assert.That(options.MaxBufferedPayloadBytes, Is.EqualTo(10_485_760));
        });
    }

    [Test]
    public void MaxBufferedPayloadBytes_BoundIsArrayMaxLength() =>
        Assert.That(Array.MaxLength, Is.EqualTo(0x7FFFFFC7), "the cases above sit on either side of it");
}
