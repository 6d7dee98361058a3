using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

[TestFixture]
public sealed class LocalTotpTests
{
    // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", last six of the eight-digit codes.
    private const string Rfc6238Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [TestCase(59L, "287082")]
    [TestCase(1111111109L, "081804")]
    [TestCase(1234567890L, "005924")]
    [TestCase(20000000000L, "353130")]
    public void ComputeCode_Rfc6238Vectors_Match(long unixSeconds, string expected)
    {
        Assert.That(LocalTotp.ComputeCode(Rfc6238Secret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), Is.EqualTo(expected));
    }

    [Test]
    public void CreateSecret_IsBase32Of160Bits()
    {
        var secret = LocalTotp.CreateSecret();

        Assert.That(secret, Does.Match("^[A-Z2-7]{32}$"));
        Assert.That(LocalTotp.DecodeBase32(secret), Has.Length.EqualTo(20));
    }
}
