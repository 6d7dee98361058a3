namespace AmplifyAuthHandlers.Tests;

[TestFixture]
public sealed class AmplifyRequestBodyTooLargeExceptionTests
{
    [Test]
    public void Constructor_Endpoint_NamesItsLimitKeyAndTheAlternative()
    {
        var ex = new AmplifyRequestBodyTooLargeException("orders", 10_485_760);

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("Endpoint 'orders': the request body is larger than 10,485,760 bytes"));
            Assert.That(ex.Message, Does.Contain("the request was not sent"));
            Assert.That(ex.Message, Does.Contain("Raise MaxBufferedRequestBodyBytes on endpoint 'orders' (configuration key Endpoints:orders:MaxBufferedRequestBodyBytes"));
            Assert.That(ex.Message, Does.EndWith("or send the body as a byte array or seekable stream (hashed where it lies, without buffering)."));
            Assert.That(ex.Message, Does.Not.Contain("AwsSigV4SignerOptions"));
            Assert.That((ex.EndpointName, ex.Limit), Is.EqualTo(("orders", 10_485_760L)));
        });
    }

    [Test]
    public void Constructor_NoEndpoint_PointsAtTheSignersOption()
    {
        var ex = new AmplifyRequestBodyTooLargeException(null, 1024);

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.StartWith("The request body is larger than 1,024 bytes"));
            Assert.That(ex.Message, Does.Contain("Raise AwsSigV4SignerOptions.MaxBufferedPayloadBytes, or send the body as a byte array"));
            Assert.That(ex.Message, Does.Not.Contain("Endpoint"));
            Assert.That((ex.EndpointName, ex.Limit), Is.EqualTo(((string?)null, 1024L)));
        });
    }
}
