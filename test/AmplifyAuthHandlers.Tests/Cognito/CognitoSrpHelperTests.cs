using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Cognito;

/// <summary>
/// Golden values: computed once with amazon-cognito-identity-js 6.3.21 (npm), in a scratch directory outside the repo,
/// by a Node 20 script that constructed its <c>AuthenticationHelper(poolName)</c>, replaced <c>smallAValue</c> with the
/// fixed a below (and cleared <c>largeAValue</c>), took B = g^b mod N with the fixed b via the library's BigInteger,
/// called <c>getPasswordAuthenticationKey(USER_ID_FOR_SRP, password, B, new BigInteger(salt, 16))</c>, formatted the
/// timestamp with its <c>DateHelper</c> under a Date pinned to 2024-03-05T07:08:09Z, and signed
/// poolName | user | base64-decoded SECRET_BLOCK | timestamp with HMAC-SHA256 exactly as its <c>CognitoUser</c> does.
/// Only the printed numbers are kept here. Case 1 has a salt with a high first byte (padding); case 2 has A = 2^10
/// (odd-length hex), B = 2^255 (high first byte), a salt with a leading zero nibble and a non-ASCII password.
/// </summary>
[TestFixture]
public sealed class CognitoSrpHelperTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 5, 7, 8, 9, TimeSpan.Zero);

    private const string Case1PoolId = "us-east-1_AbCdEf123";
    private const string Case1SmallA = "f1e2d3c4b5a697887766554433221100ffeeddccbbaa99887766554433221100";
    private const string Case1Salt = "e5a1b2c3d4e5f60718293a4b5c6d7e8f";
    private const string Case1SecretBlock = "AQIDBAUGBwgJCgsMDQ4PEA==";
    private const string Case1User = "a1b2c3d4-0000-4000-8000-000000000001";
    private const string Case1Password = "Passw0rd!";

    private const string Case1SrpA =
        "79e9d6298364e7f30d8a93ef238f832d716a463b7af4fdb8f6779db70c6fec306e5da8b17734ed2d3a8044947a06763a"
        + "aa5bc625fcc7c63c8c35dfcfbef005342d1ccadaa828380cd893c24e251cd151625310d847b38840c0e4ca556ed79d20"
        + "1a218917990f10939aaff7e053761d78bceee6c2610da00ee76bf33ab8734f8f59d7e0de591b6e6f495cb6b604a52d3d"
        + "7085e9c25a70f0910273c86c105a7ac65c69992855b1050583d2243ea7780671d0ec95a108559f1a4d97b71f565a4dd9"
        + "4f0d9175198445716978290706c0d76f20afa969db4857aa72d5e81fd64659869398b3038dccec76b2fd4c6ac8b188f7"
        + "435d7c4bc097d66150ffa7258e409b131836e085d36e7e6d9f6cb1a3313617dfde1047093fb2d74eeb277bf3fac44176"
        + "ef1855191dde59ac106cf7bb448b33fd526516aad8e624475b9d5940ebdca4d5292ab7d0f658b2d00ebb3905c8f0c5cc"
        + "247fa21f0581c14c839d1c10c2f03eea7230c9a9ee0fdd80b9cd719d4ba3b4ad3e4abaa8d5cad5977a6a99daf6d9d5d5";

    private const string Case1SrpB =
        "d4705c2f93e2a602a4ed3723b27592028daf09577fc359d05e9479b951f276ef6355b5fa47fbb5076c4735bc93d13a7d"
        + "7a0a0baa5c6aa1122b60966a0158afe16654a6058a624e6916f758462bca972fc4c460fadcb7d50244c8f486a65bdbe9"
        + "570036c6d4b25cd52989c3db2c3305e6e4e88ef5fde2359f4a6becedbda76d1c92389d91022faba8356f673006766c09"
        + "607e5b6e4c07f16191950918d3dd7b0ef41362d4fa013a36128e47a37733601ca02f30a843f6247545e9d6a54c5b8111"
        + "66ec26b935e5cfa460c724ca1de943fbd758c8b63bf5b4fcf73cafe42cb8c706d9830e251324fabf685e75076eaaceb3"
        + "b34ffffb1cad8801773321217f293b52ef51e474f9c796da19aebe80602f87a37343836013f7d957ba5af71a08fa3336"
        + "84428d49325794940fc831ad65f527035847ee352f763382995801da83a48251cbb36b212976496b1e405b4e7cc6f480"
        + "9d9dc85b43ff5958ceca22b9216d30f428daee060bd4a73ac748d7fe7b450f2723c4796d986b9e4251f082c68168aeed";

    private const string Case1U = "b5a6a9184642c74bb0a5124af9d35fa130fd62af67b32061ab168f4556c025fb";
    private const string Case1Key = "a443b0353dc92259e659e923f07e5c3c";
    private const string Case1Signature = "aqzhH1aM1e4jknB8OCavgsdxBB9zd3I407vDSAbsOvw=";

    private const string Case2PoolId = "eu-west-1_Zz9";
    private const string Case2SrpB = "8000000000000000000000000000000000000000000000000000000000000000";
    private const string Case2Salt = "0a1b2c";
    private const string Case2SecretBlock = "c2VjcmV0LWJsb2Nr";
    private const string Case2User = "alice";
    private const string Case2Password = "pässwörd with spaces";
    private const string Case2U = "5066fea1292953e3f8d2f1a9deb4535108e0f7f47061861848f860e420732f65";
    private const string Case2Key = "2b821119626f06764d84b496f2d29c73";
    private const string Case2Signature = "0yp+i56as2Wg1bUfkI8dG7YviLTMDAiiD6lZP4qRnzY=";

    private const string Timestamp = "Tue Mar 5 07:08:09 UTC 2024";

    [Test]
    public void K_ComputedFromPaddedNAndG_MatchesReference() =>
        Assert.That(CognitoSrpHelper.ToHex(CognitoSrpHelper.K), Is.EqualTo("538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6"));

    [Test]
    public void N_Is3072BitPrimeOfRfc5054() =>
        Assert.That(CognitoSrpHelper.N.GetBitLength(), Is.EqualTo(3072));

    [Test]
    public void SrpA_FixedSmallA_MatchesReference()
    {
        var helper = Case1Helper();

        Assert.That(helper.SrpA, Is.EqualTo(Case1SrpA));
    }

    [Test]
    public void SrpA_SmallPowerOfTwo_IsMinimalLowercaseHex() =>
        Assert.That(new CognitoSrpHelper(Case2PoolId, new FakeTimeProvider(Now), new BigInteger(10)).SrpA, Is.EqualTo("400"));

    [Test]
    public void ComputeU_ReferenceAAndB_MatchesReference() =>
        Assert.That(
            CognitoSrpHelper.ToHex(CognitoSrpHelper.ComputeU(CognitoSrpHelper.FromHex(Case1SrpA), CognitoSrpHelper.FromHex(Case1SrpB))),
            Is.EqualTo(Case1U));

    [Test]
    public void ComputeU_PaddedBWithHighFirstByte_MatchesReference() =>
        Assert.That(
            CognitoSrpHelper.ToHex(CognitoSrpHelper.ComputeU(new BigInteger(1024), CognitoSrpHelper.FromHex(Case2SrpB))),
            Is.EqualTo(Case2U));

    [Test]
    public void ComputePasswordAuthenticationKey_Case1_MatchesReference()
    {
        var key = Case1Helper().ComputePasswordAuthenticationKey(Case1User, Case1Password, Case1SrpB, Case1Salt);

        Assert.That(Convert.ToHexString(key).ToLowerInvariant(), Is.EqualTo(Case1Key));
    }

    [Test]
    public void ComputePasswordAuthenticationKey_Case2_MatchesReference()
    {
        var key = Case2Helper().ComputePasswordAuthenticationKey(Case2User, Case2Password, Case2SrpB, Case2Salt);

        Assert.That(Convert.ToHexString(key).ToLowerInvariant(), Is.EqualTo(Case2Key));
    }

    [Test]
    public void ComputePasswordClaim_Case1_MatchesReferenceSignatureAndTimestamp()
    {
        var claim = Case1Helper().ComputePasswordClaim(Case1User, Case1Password, Case1SrpB, Case1Salt, Case1SecretBlock);

        Assert.Multiple(() =>
        {
            Assert.That(claim.Signature, Is.EqualTo(Case1Signature));
            Assert.That(claim.Timestamp, Is.EqualTo(Timestamp));
        });
    }

    [Test]
    public void ComputePasswordClaim_Case2_MatchesReferenceSignature()
    {
        var claim = Case2Helper().ComputePasswordClaim(Case2User, Case2Password, Case2SrpB, Case2Salt, Case2SecretBlock);

        Assert.That(claim.Signature, Is.EqualTo(Case2Signature));
    }

    [TestCase("user-1", "Passw0rd!", "00ff00ff00ff00ff", 7)]
    [TestCase("d4c3b2a1-0000-4000-8000-0000000000ff", "correct horse battery staple", "80", 12345)]
    public void ComputePasswordClaim_AgainstSimulatedVerifierServer_ServerAcceptsSignature(string user, string password, string saltHex, int seed)
    {
        // The server side of SRP-6a, written out here from the protocol: it knows only the verifier v = g^x.
        var random = new Random(seed);
        var smallABytes = new byte[128];
        var smallBBytes = new byte[128];
        random.NextBytes(smallABytes);
        random.NextBytes(smallBBytes);
        var n = CognitoSrpHelper.N;
        var g = new BigInteger(2);
        var salt = new BigInteger(Convert.FromHexString(saltHex), isUnsigned: true, isBigEndian: true);
        var poolName = Case1PoolId.Split('_')[1];
        var inner = SHA256.HashData(Encoding.UTF8.GetBytes(poolName + user + ":" + password));
        var x = new BigInteger(SHA256.HashData([.. salt.ToByteArray(false, true), .. inner]), isUnsigned: true, isBigEndian: true);
        var v = BigInteger.ModPow(g, x, n);
        var b = new BigInteger(smallBBytes, isUnsigned: true, isBigEndian: true);
        var largeB = ((CognitoSrpHelper.K * v) + BigInteger.ModPow(g, b, n)) % n;

        var helper = new CognitoSrpHelper(Case1PoolId, new FakeTimeProvider(Now), new BigInteger(smallABytes, isUnsigned: true, isBigEndian: true));
        var claim = helper.ComputePasswordClaim(user, password, largeB.ToString("x", System.Globalization.CultureInfo.InvariantCulture), saltHex, Case1SecretBlock);

        var largeA = CognitoSrpHelper.FromHex(helper.SrpA);
        var u = new BigInteger(SHA256.HashData([.. largeA.ToByteArray(false, true), .. largeB.ToByteArray(false, true)]), isUnsigned: true, isBigEndian: true);
        var serverS = BigInteger.ModPow(largeA * BigInteger.ModPow(v, u, n) % n, b, n);
        var serverKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, serverS.ToByteArray(false, true), 16, u.ToByteArray(false, true), Encoding.UTF8.GetBytes("Caldera Derived Key"));
        var message = Encoding.UTF8.GetBytes(poolName + user).Concat(Convert.FromBase64String(Case1SecretBlock)).Concat(Encoding.UTF8.GetBytes(claim.Timestamp)).ToArray();

        Assert.That(claim.Signature, Is.EqualTo(Convert.ToBase64String(HMACSHA256.HashData(serverKey, message))));
    }

    [Test]
    public void ComputePasswordClaim_UppercaseHexInputs_GiveSameSignature()
    {
        var claim = Case1Helper().ComputePasswordClaim(Case1User, Case1Password, Case1SrpB.ToUpperInvariant(), Case1Salt.ToUpperInvariant(), Case1SecretBlock);

        Assert.That(claim.Signature, Is.EqualTo(Case1Signature));
    }

    [Test]
    public void ComputePasswordClaim_WrongPassword_GivesDifferentSignature()
    {
        var claim = Case1Helper().ComputePasswordClaim(Case1User, "Passw0rd?", Case1SrpB, Case1Salt, Case1SecretBlock);

        Assert.That(claim.Signature, Is.Not.EqualTo(Case1Signature));
    }

    [TestCase(2024, 12, 25, 23, 59, 1, "Wed Dec 25 23:59:01 UTC 2024")]
    [TestCase(2025, 1, 1, 0, 0, 0, "Wed Jan 1 00:00:00 UTC 2025")]
    public void ComputePasswordClaim_Timestamp_UsesCognitoFormatInUtc(int year, int month, int day, int hour, int minute, int second, string expected)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("Plus5", TimeSpan.FromHours(5), "Plus5", "Plus5"));
        var helper = new CognitoSrpHelper(Case1PoolId, time, CognitoSrpHelper.FromHex(Case1SmallA));

        var claim = helper.ComputePasswordClaim(Case1User, Case1Password, Case1SrpB, Case1Salt, Case1SecretBlock);

        Assert.That(claim.Timestamp, Is.EqualTo(expected));
    }

    [Test]
    public void CreatePasswordVerifierResponses_ChallengeParameters_BuildsTheFourResponses()
    {
        var parameters = new Dictionary<string, string>
        {
            ["SRP_B"] = Case1SrpB,
            ["SALT"] = Case1Salt,
            ["SECRET_BLOCK"] = Case1SecretBlock,
            ["USER_ID_FOR_SRP"] = Case1User,
            ["USERNAME"] = Case1User,
        };

        var responses = Case1Helper().CreatePasswordVerifierResponses(parameters, Case1Password);

        Assert.That(responses, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["USERNAME"] = Case1User,
            ["PASSWORD_CLAIM_SECRET_BLOCK"] = Case1SecretBlock,
            ["PASSWORD_CLAIM_SIGNATURE"] = Case1Signature,
            ["TIMESTAMP"] = Timestamp,
        }));
    }

    [TestCase("SRP_B")]
    [TestCase("SALT")]
    [TestCase("SECRET_BLOCK")]
    [TestCase("USER_ID_FOR_SRP")]
    public void CreatePasswordVerifierResponses_MissingParameter_ThrowsNamingIt(string missing)
    {
        var parameters = new Dictionary<string, string>
        {
            ["SRP_B"] = Case1SrpB,
            ["SALT"] = Case1Salt,
            ["SECRET_BLOCK"] = Case1SecretBlock,
            ["USER_ID_FOR_SRP"] = Case1User,
        };
        parameters.Remove(missing);

        var exception = CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().CreatePasswordVerifierResponses(parameters, Case1Password));

        Assert.That(exception!.Message, Does.Contain(missing).And.Not.Contain(Case1Password));
    }

    [TestCase("0")]
    [TestCase("000")]
    public void ComputePasswordClaim_BIsZero_Throws(string srpB)
    {
        var exception = CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().ComputePasswordClaim(Case1User, Case1Password, srpB, Case1Salt, Case1SecretBlock));

        Assert.That(exception!.Message, Does.Contain("SRP_B"));
    }

    [Test]
    public void ComputePasswordClaim_BIsMultipleOfN_Throws()
    {
        var twoN = CognitoSrpHelper.ToHex(CognitoSrpHelper.N * 2);

        CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().ComputePasswordClaim(Case1User, Case1Password, twoN, Case1Salt, Case1SecretBlock));
    }

    [TestCase("xyz", "SRP_B")]
    [TestCase("", "SRP_B")]
    public void ComputePasswordClaim_BNotHex_Throws(string srpB, string named)
    {
        var exception = CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().ComputePasswordClaim(Case1User, Case1Password, srpB, Case1Salt, Case1SecretBlock));

        Assert.That(exception!.Message, Does.Contain(named));
    }

    [Test]
    public void ComputePasswordClaim_SaltNotHex_Throws() =>
        CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().ComputePasswordClaim(Case1User, Case1Password, Case1SrpB, "-12", Case1SecretBlock));

    [Test]
    public void ComputePasswordClaim_SecretBlockNotBase64_Throws()
    {
        var exception = CognitoAssert.Throws(CognitoErrorCodes.InvalidResponse, () => Case1Helper().ComputePasswordClaim(Case1User, Case1Password, Case1SrpB, Case1Salt, "not base64!"));

        Assert.That(exception!.Message, Does.Contain("SECRET_BLOCK"));
    }

    [Test]
    public void Create_TwoHelpers_UseDifferentRandomA()
    {
        var time = new FakeTimeProvider(Now);

        var first = CognitoSrpHelper.Create(Case1PoolId, time);
        var second = CognitoSrpHelper.Create(Case1PoolId, time);

        Assert.Multiple(() =>
        {
            Assert.That(first.SrpA, Is.Not.EqualTo(second.SrpA));
            Assert.That(CognitoSrpHelper.FromHex(first.SrpA), Is.LessThan(CognitoSrpHelper.N));
        });
    }

    [TestCase("us-east-1")]
    [TestCase("us-east-1_")]
    [TestCase("")]
    public void Constructor_NotAUserPoolId_Throws(string poolId) =>
        Assert.That(() => new CognitoSrpHelper(poolId, new FakeTimeProvider(Now), BigInteger.One), Throws.InstanceOf<ArgumentException>());

    [Test]
    public void Pad_HighFirstByte_PrefixesZero() =>
        Assert.Multiple(() =>
        {
            Assert.That(CognitoSrpHelper.Pad(new BigInteger(0x80)), Is.EqualTo(new byte[] { 0x00, 0x80 }));
            Assert.That(CognitoSrpHelper.Pad(new BigInteger(0x7F)), Is.EqualTo(new byte[] { 0x7F }));
            Assert.That(CognitoSrpHelper.Pad(new BigInteger(0x400)), Is.EqualTo(new byte[] { 0x04, 0x00 }));
            Assert.That(CognitoSrpHelper.Pad(BigInteger.Zero), Is.EqualTo(new byte[] { 0x00 }));
        });

    [Test]
    public void ToString_PasswordClaim_RedactsSignature()
    {
        var claim = Case1Helper().ComputePasswordClaim(Case1User, Case1Password, Case1SrpB, Case1Salt, Case1SecretBlock);

        Assert.That(claim.ToString(), Does.Not.Contain(Case1Signature).And.Contain(Timestamp));
    }

    private static CognitoSrpHelper Case1Helper() => new(Case1PoolId, new FakeTimeProvider(Now), CognitoSrpHelper.FromHex(Case1SmallA));

    private static CognitoSrpHelper Case2Helper() => new(Case2PoolId, new FakeTimeProvider(Now), new BigInteger(10));
}
