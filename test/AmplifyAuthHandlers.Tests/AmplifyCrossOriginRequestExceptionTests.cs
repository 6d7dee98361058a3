namespace AmplifyAuthHandlers.Tests;

[TestFixture]
public sealed class AmplifyCrossOriginRequestExceptionTests
{
    [Test]
    public void Constructor_NamesEndpointBothOriginsAndTheTwoWaysOut()
    {
        var ex = new AmplifyCrossOriginRequestException("orders", "https://api.example.com:443", "http://127.0.0.1:8080");

        Assert.That(ex.Message, Is.EqualTo(
            "Endpoint 'orders' refused to send a request to http://127.0.0.1:8080: its credentials are only for https://api.example.com:443. " +
            "Use a relative path, or set AllowCrossOriginRequests on endpoint 'orders' to send such requests without credentials."));
        Assert.That((ex.EndpointName, ex.EndpointOrigin, ex.RequestOrigin), Is.EqualTo(("orders", "https://api.example.com:443", "http://127.0.0.1:8080")));
    }
}
