using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class SignedInputsTests
{
    [Test]
    public void ToString_HeadersWithASessionToken_Redacted()
    {
        var inputs = new SignedInputs(
            "GET", "/", "", [new("x-amz-security-token", "FwoGZXIvYXdzSECRET")], new byte[64],
            AmzDate.Create(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero)), "eu-west-1", "execute-api", true, true);

        Assert.That(inputs.ToString(), Is.EqualTo("SignedInputs (redacted)"));
    }
}
