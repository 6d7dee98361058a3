using System.Security.Cryptography;
using AmplifyAuthHandlers.Testing;
using AmplifyAuthHandlers.Testing.ApiGateway;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

[TestFixture]
public sealed class JwtVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] UserPoolUses = ["access", "id"];
    private TestTokenIssuer _issuer = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp() => _issuer = new TestTokenIssuer();

    [OneTimeTearDown]
    public void OneTimeTearDown() => _issuer.Dispose();

    private JwtResult Verify(string token, string[]? uses = null, bool requireTokenUse = true) =>
        JwtVerifier.Verify(token, [_issuer], uses ?? UserPoolUses, requireTokenUse, Now);

    [TestCase("access")]
    [TestCase("id")]
    public void Verify_ValidToken_ReturnsSubjectAndUse(string tokenUse)
    {
        var result = Verify(_issuer.Mint(tokenUse, Now));

        Assert.That(result.Failure, Is.EqualTo(JwtFailure.None));
        Assert.That(result.Subject, Is.EqualTo("sub-" + tokenUse));
        Assert.That(result.TokenUse, Is.EqualTo(tokenUse));
    }

    [Test]
    public void Verify_ExpiredOneSecondAgo_Expired() =>
        Assert.That(Verify(_issuer.Mint("access", Now, c => c["exp"] = Now.ToUnixTimeSeconds() - 1)).Failure, Is.EqualTo(JwtFailure.Expired));

    [Test]
    public void Verify_ExpiringNow_Expired() =>
        Assert.That(Verify(_issuer.Mint("access", Now, c => c["exp"] = Now.ToUnixTimeSeconds())).Failure, Is.EqualTo(JwtFailure.Expired));

    [Test]
    public void Verify_NoExp_Expired() =>
        Assert.That(Verify(_issuer.Mint("access", Now, c => c["exp"] = null)).Failure, Is.EqualTo(JwtFailure.Expired));

    [Test]
    public void Verify_WrongIssuer_UnknownIssuer() =>
        Assert.That(Verify(_issuer.Mint("access", Now, c => c["iss"] = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other")).Failure, Is.EqualTo(JwtFailure.UnknownIssuer));

    [Test]
    public void Verify_WrongTokenUse_Refused()
    {
        Assert.That(Verify(_issuer.Mint("refresh", Now)).Failure, Is.EqualTo(JwtFailure.WrongTokenUse));
        Assert.That(Verify(_issuer.Mint("access", Now), ["id"]).Failure, Is.EqualTo(JwtFailure.WrongTokenUse));
        Assert.That(Verify(_issuer.Mint("id", Now, c => c["token_use"] = null)).Failure, Is.EqualTo(JwtFailure.WrongTokenUse));
    }

    [Test]
    public void Verify_SignedByAnotherKey_BadSignature()
    {
        using var other = RSA.Create(2048);

        Assert.That(Verify(_issuer.Mint("access", Now, signWith: other)).Failure, Is.EqualTo(JwtFailure.BadSignature));
    }

    [Test]
    public void Verify_ClaimsChangedAfterSigning_BadSignature()
    {
        var token = _issuer.Mint("access", Now);
        var forged = _issuer.Mint("access", Now, c => c["sub"] = "someone-else").Split('.')[1];
        var parts = token.Split('.');

        Assert.That(Verify($"{parts[0]}.{forged}.{parts[2]}").Failure, Is.EqualTo(JwtFailure.BadSignature));
    }

    [Test]
    public void Verify_UnknownKid_UnknownKey() =>
        Assert.That(Verify(_issuer.Mint("access", Now, keyId: "other-kid")).Failure, Is.EqualTo(JwtFailure.UnknownKey));

    [Test]
    public void Verify_OtherClient_WrongAudience()
    {
        Assert.That(Verify(_issuer.Mint("id", Now, c => c["aud"] = "other-client")).Failure, Is.EqualTo(JwtFailure.WrongAudience));
        Assert.That(Verify(_issuer.Mint("access", Now, c => c["client_id"] = "other-client")).Failure, Is.EqualTo(JwtFailure.WrongAudience));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("a.b.c")]
    [TestCase("e30.e30.")]
    [TestCase("W10.W10.AAAA")]
    public void Verify_Malformed_Malformed(string token) =>
        Assert.That(Verify(token).Failure, Is.EqualTo(JwtFailure.Malformed));

    [Test]
    public void Verify_AlgNone_Malformed()
    {
        var parts = _issuer.Mint("access", Now).Split('.');
        var none = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"kid\":\"test-kid\"}"u8);

        Assert.That(Verify($"{none}.{parts[1]}.").Failure, Is.EqualTo(JwtFailure.Malformed));
    }

    [Test]
    public void Verify_UnregisteredIssuerList_UnknownIssuer() =>
        Assert.That(JwtVerifier.Verify(_issuer.Mint("access", Now), Array.Empty<ILocalTokenIssuer>(), UserPoolUses, true, Now).Failure, Is.EqualTo(JwtFailure.UnknownIssuer));
}
