using System.Text;

namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class JwtTokenReaderTests
{
    private const string Header = """{"alg":"RS256","kid":"k1"}""";

    [Test]
    public void Read_CognitoAccessToken_ReadsClaims()
    {
        var token = Jwt("""{"sub":"8f1e","iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC","token_use":"access","scope":"aws.cognito.signin.user.admin","auth_time":1700000000,"exp":1700003600,"iat":1700000000,"username":"alice","groups":["a","b"],"nested":{"exp":1}}""");

        var claims = JwtTokenReader.Read(token);

        Assert.Multiple(() =>
        {
            Assert.That(claims.ExpiresAt, Is.EqualTo(new DateTimeOffset(2023, 11, 14, 23, 13, 20, TimeSpan.Zero)));
            Assert.That(claims.Subject, Is.EqualTo("8f1e"));
            Assert.That(claims.Username, Is.EqualTo("alice"));
            Assert.That(claims.Issuer, Is.EqualTo("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC"));
            Assert.That(claims.TokenUse, Is.EqualTo("access"));
        });
    }

    [Test]
    public void Read_IdToken_UsesCognitoUsername()
    {
        var claims = JwtTokenReader.Read(Jwt("""{"cognito:username":"bob","token_use":"id","exp":1700003600}"""));

        Assert.That(claims.Username, Is.EqualTo("bob"));
    }

    [Test]
    public void ReadExpiration_FractionalExp_KeepsMilliseconds() =>
        Assert.That(
            JwtTokenReader.ReadExpiration(Jwt("""{"exp":1700003600.25}""")),
            Is.EqualTo(new DateTimeOffset(2023, 11, 14, 23, 13, 20, 250, TimeSpan.Zero)));

    [TestCase("""{"exp":1700003600}""")]
    [TestCase("""{"exp":1700003600,"a":"x"}""")]
    [TestCase("""{"exp":1700003600,"ab":"x"}""")]
    [TestCase("""{"exp":1700003600,"abc":"xy"}""")]
    public void ReadExpiration_PayloadLengthsNeedingEachPadding_Decode(string payload) =>
        Assert.That(JwtTokenReader.ReadExpiration(Jwt(payload)), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1700003600)));

    [Test]
    public void ReadExpiration_PaddedPayload_IsAccepted()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"exp":1700003600,"a":"x"}"""));
        Assert.That(payload, Does.EndWith("="), "the test needs a padded payload");

        Assert.That(JwtTokenReader.ReadExpiration($"e30.{payload}.sig"), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1700003600)));
    }

    [Test]
    public void ReadExpiration_Base64UrlCharacters_AreDecoded()
    {
        // "?>" and "~~" produce '/' and '+' in standard base64, so '_' and '-' in base64url.
        var token = Jwt("""{"exp":1700003600,"x":"??>>~~~"}""");
        Assert.That(token.Split('.')[1], Does.Contain("_").Or.Contain("-"), "the test needs base64url-only characters");

        Assert.That(JwtTokenReader.ReadExpiration(token), Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1700003600)));
    }

    [TestCase("", "empty")]
    [TestCase("   ", "empty")]
    [TestCase("abc", "three parts")]
    [TestCase("a.b", "three parts")]
    [TestCase("a.b.c.d", "three parts")]
    [TestCase(".eyJleHAiOjF9.sig", "three parts")]
    [TestCase("e30..sig", "base64url")]
    [TestCase("e30.eyJ!ZXhw.sig", "base64url")]
    [TestCase("e30.eyJle.sig", "base64url")]
    [TestCase("e30.bm90IGpzb24.sig", "not valid JSON")]
    [TestCase("e30.WzEsMl0.sig", "not a JSON object")]
    [TestCase("e30.e30.sig", "no 'exp'")]
    [TestCase("e30.eyJleHAiOiIxNzAwMDAwMDAwIn0.sig", "NumericDate")]
    [TestCase("e30.eyJleHAiOjFlMzAwfQ.sig", "NumericDate")]
    [TestCase("e30.eyJleHAiOjF9e30.sig", "not")]
    public void Read_MalformedToken_ThrowsJwtFormatExceptionWithoutTheToken(string token, string reason)
    {
        var exception = Assert.Throws<JwtFormatException>(() => JwtTokenReader.Read(token));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain(reason));
            Assert.That(exception.InnerException, Is.Null);
            if (token.Trim().Length > 0)
            {
                Assert.That(exception.Message, Does.Not.Contain(token));
            }
        });
    }

    [Test]
    public void Read_SecretLikePayloadNotJson_MessageDoesNotQuoteIt()
    {
        var payload = Base64Url(Encoding.UTF8.GetBytes("{\"exp\": SECRETVALUE}"));

        var exception = Assert.Throws<JwtFormatException>(() => JwtTokenReader.Read($"e30.{payload}.sig"));

        Assert.That(exception!.Message, Does.Not.Contain("SECRETVALUE").And.Not.Contain(payload));
    }

    private static string Jwt(string payloadJson) =>
        $"{Base64Url(Encoding.UTF8.GetBytes(Header))}.{Base64Url(Encoding.UTF8.GetBytes(payloadJson))}.c2lnbmF0dXJl";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
