
namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoRedactionTests
{
    private const string Secret = "SECRET-VALUE-42";

    private static readonly Dictionary<string, string> SecretMap = new() { ["PASSWORD"] = Secret, ["USERNAME"] = Secret };

    private static IEnumerable<TestCaseData> SecretHolders()
    {
        yield return new TestCaseData(new GetIdRequest("pool", SecretMap)).SetArgDisplayNames(nameof(GetIdRequest));
        yield return new TestCaseData(new GetCredentialsForIdentityRequest("id", SecretMap)).SetArgDisplayNames(nameof(GetCredentialsForIdentityRequest));
        yield return new TestCaseData(new GetOpenIdTokenRequest("id", SecretMap)).SetArgDisplayNames(nameof(GetOpenIdTokenRequest));
        yield return new TestCaseData(new GetOpenIdTokenResponse { IdentityId = "id", Token = Secret }).SetArgDisplayNames(nameof(GetOpenIdTokenResponse));
        yield return new TestCaseData(new CognitoOpenIdToken("id", Secret)).SetArgDisplayNames(nameof(CognitoOpenIdToken));
        yield return new TestCaseData(new CognitoWireCredentials { AccessKeyId = "AKID", SecretKey = Secret, SessionToken = Secret }).SetArgDisplayNames(nameof(CognitoWireCredentials));
        yield return new TestCaseData(new CognitoIdentityCredentials("id", new AmplifyAuthHandlers.Signing.AwsCredentials("AKID", Secret, Secret))).SetArgDisplayNames(nameof(CognitoIdentityCredentials));
        yield return new TestCaseData(new InitiateAuthRequest("USER_PASSWORD_AUTH", "client", SecretMap, SecretMap)).SetArgDisplayNames(nameof(InitiateAuthRequest));
        yield return new TestCaseData(new RespondToAuthChallengeRequest("client", "PASSWORD_VERIFIER", Secret, SecretMap, SecretMap)).SetArgDisplayNames(nameof(RespondToAuthChallengeRequest));
        yield return new TestCaseData(new CognitoAuthResponse
        {
            ChallengeName = "PASSWORD_VERIFIER",
            Session = Secret,
            ChallengeParameters = SecretMap,
            AuthenticationResult = new AuthenticationResult { AccessToken = Secret, IdToken = Secret, RefreshToken = Secret, ExpiresIn = 3600, TokenType = "Bearer" },
        }).SetArgDisplayNames(nameof(CognitoAuthResponse));
        yield return new TestCaseData(new AuthenticationResult { AccessToken = Secret, IdToken = Secret, RefreshToken = Secret }).SetArgDisplayNames(nameof(AuthenticationResult));
        yield return new TestCaseData(new RevokeTokenRequest(Secret, "client", Secret)).SetArgDisplayNames(nameof(RevokeTokenRequest));
        yield return new TestCaseData(new GlobalSignOutRequest(Secret)).SetArgDisplayNames(nameof(GlobalSignOutRequest));
        yield return new TestCaseData(new CognitoPasswordClaim(Secret, "Tue Mar 5 07:08:09 UTC 2024")).SetArgDisplayNames(nameof(CognitoPasswordClaim));
    }

    [TestCaseSource(nameof(SecretHolders))]
    public void ToString_ShapeHoldingSecrets_RedactsThem(object shape)
    {
        var text = shape.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain(Secret));
            Assert.That(text, Does.Contain("***"));
            Assert.That(text, Does.StartWith(shape.GetType().Name));
        });
    }

    [Test]
    public void Keys_Map_PrintsSortedKeysOnly() =>
        Assert.That(CognitoRedaction.Keys(new Dictionary<string, string> { ["USERNAME"] = "u", ["PASSWORD"] = "p" }), Is.EqualTo("{ PASSWORD = ***, USERNAME = *** }"));

    [Test]
    public void Keys_NullAndEmpty_AreDistinct() =>
        Assert.Multiple(() =>
        {
            Assert.That(CognitoRedaction.Keys(null), Is.EqualTo("(none)"));
            Assert.That(CognitoRedaction.Keys(new Dictionary<string, string>()), Is.EqualTo("{ }"));
        });

    [Test]
    public void Secret_NullAndValue_AreDistinct() =>
        Assert.Multiple(() =>
        {
            Assert.That(CognitoRedaction.Secret(null), Is.EqualTo("(none)"));
            Assert.That(CognitoRedaction.Secret("x"), Is.EqualTo("***"));
        });
}
