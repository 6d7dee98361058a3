using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>
/// Known answers for LocalCognito's SRP server math. The expected values come from a separate Python script that
/// follows amazon-cognito-identity-js's string padding (padHex) rather than this project's byte padding, with
/// fixed a, b and a salt whose top bit is set (so the "00" padding matters). k is Cognito's published constant.
/// </summary>
[TestFixture]
public sealed class SrpServerTests
{
    private const string PoolName = "Kat9Test0";
    private const string User = "alice";
    private const string Password = "Passw0rd!";
    private static readonly BigInteger Salt = SrpServer.FromHex("8f3a1c5e0d2b4a6978f3a1c5e0d2b4a6");
    private static readonly BigInteger PrivateA = SrpServer.FromHex(string.Concat(Enumerable.Repeat("7b", 32)));
    private static readonly BigInteger PrivateB = SrpServer.FromHex(string.Concat(Enumerable.Repeat("a5", 32)));

    [Test]
    public void K_IsTheHashOfPaddedNAndG()
    {
        Assert.That(SrpServer.ToHex(SrpServer.K), Is.EqualTo("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"));
    }

    [Test]
    public void N_IsTheRfc5054Group3072()
    {
        Assert.Multiple(() =>
        {
            Assert.That(SrpServer.N.GetBitLength(), Is.EqualTo(3072));
            Assert.That(SrpServer.Pad(SrpServer.N), Has.Length.EqualTo(385), "N's top bit is set, so it is padded with a zero byte");
            Assert.That(SrpServer.Pad(SrpServer.G), Is.EqualTo(new byte[] { 2 }));
        });
    }

    [Test]
    public void ServerMath_FixedInputs_MatchesTheIndependentComputation()
    {
        var x = SrpServer.ComputeX(Salt, PoolName, User, Password);
        var verifier = SrpServer.ComputeVerifier(x);
        var serverB = SrpServer.ComputeB(verifier, PrivateB);
        var clientA = BigInteger.ModPow(SrpServer.G, PrivateA, SrpServer.N);
        var u = SrpServer.ComputeU(clientA, serverB);
        var s = SrpServer.ComputeServerS(clientA, verifier, u, PrivateB);
        var key = SrpServer.DeriveKey(s, u);
        var block = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        var signature = SrpServer.ComputeSignature(key, PoolName, User, block, "Fri Nov 27 18:05:09 UTC 2026");

        Assert.Multiple(() =>
        {
            Assert.That(SrpServer.ToHex(x), Is.EqualTo("d6ae6615c24f7eec8c9c68c6019ecdc46187d5e4ee481edd61344bc63f132c0e"));
            Assert.That(SrpServer.ToHex(serverB), Does.StartWith("e861eacf11faefd4f1254680962880ac").And.EndWith("ba46cd63"));
            Assert.That(SrpServer.ToHex(clientA), Does.StartWith("1caf508f7350a1f9637e34a71a1e401b").And.EndWith("7a0f98e20"));
            Assert.That(SrpServer.ToHex(u), Is.EqualTo("50d08585f24a69869085a2dd605b0e708d820eca7c76ae57751d28da3eb18089"));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(SrpServer.Pad(s))), Is.EqualTo("f723b03cc31b67a07f818830aded9753a44ea1942e384c12b0a845769fee13c0"));
            Assert.That(Convert.ToHexStringLower(key), Is.EqualTo("f3984ca677af7070de095634243b17a8"));
            Assert.That(signature, Is.EqualTo("wYYCXFUrutgYML3+6/b/KfZW6KdFFl8DvScjtRHl1+8="));
        });
    }

    [Test]
    public void ServerS_EqualsTheClientsS_ForRandomValues()
    {
        for (var i = 0; i < 5; i++)
        {
            var salt = SrpServer.RandomPrivate() >> 128;
            var a = SrpServer.RandomPrivate();
            var b = SrpServer.RandomPrivate();
            var x = SrpServer.ComputeX(salt, PoolName, User, Password);
            var v = SrpServer.ComputeVerifier(x);
            var serverB = SrpServer.ComputeB(v, b);
            var clientA = BigInteger.ModPow(SrpServer.G, a, SrpServer.N);
            var u = SrpServer.ComputeU(clientA, serverB);
            var clientBase = ((serverB - (SrpServer.K * BigInteger.ModPow(SrpServer.G, x, SrpServer.N))) % SrpServer.N + SrpServer.N) % SrpServer.N;
            var clientS = BigInteger.ModPow(clientBase, a + (u * x), SrpServer.N);

            Assert.That(SrpServer.ComputeServerS(clientA, v, u, b), Is.EqualTo(clientS));
        }
    }

    [Test]
    public void ComputeX_WrongPassword_GivesAnotherVerifier()
    {
        var right = SrpServer.ComputeVerifier(SrpServer.ComputeX(Salt, PoolName, User, Password));
        var wrong = SrpServer.ComputeVerifier(SrpServer.ComputeX(Salt, PoolName, User, Password + "x"));

        Assert.That(wrong, Is.Not.EqualTo(right));
        Assert.That(Encoding.UTF8.GetByteCount(Password), Is.EqualTo(9));
    }
}
