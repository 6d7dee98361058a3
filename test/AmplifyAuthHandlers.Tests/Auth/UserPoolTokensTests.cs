
namespace AmplifyAuthHandlers.Tests.Auth;

[TestFixture]
public sealed class UserPoolTokensTests
{
    [Test]
    public void ToString_WithEveryToken_RedactsThemAndKeepsExpiries()
    {
        var expires = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var tokens = new UserPoolTokens("access-secret", "id-secret", "refresh-secret", expires, expires);

        var text = tokens.ToString();

        Assert.That(text, Does.Not.Contain("secret"));
        Assert.That(text, Does.Contain("2026-01-02T03:04:05.0000000+00:00").And.Contain("RefreshToken = ***"));
    }

    [Test]
    public void Constructor_TwoExpiries_EachTokenKeepsItsOwn()
    {
        var access = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);
        var id = new DateTimeOffset(2026, 1, 2, 4, 0, 0, TimeSpan.Zero);

        var tokens = new UserPoolTokens("a", "i", accessTokenExpiresAt: access, idTokenExpiresAt: id);

        Assert.That((tokens.AccessTokenExpiresAt, tokens.IdTokenExpiresAt), Is.EqualTo(((DateTimeOffset?)access, (DateTimeOffset?)id)));
        Assert.That(tokens.ToString(), Does.Contain("AccessTokenExpiresAt = 2026-01-02T03:00:00.0000000+00:00, IdTokenExpiresAt = 2026-01-02T04:00:00.0000000+00:00"));
    }

    [Test]
    public void GetToken_ByType_ReturnsThatToken()
    {
        var tokens = new UserPoolTokens("a", "i");

        Assert.That((tokens.GetToken(AmplifyUserPoolTokenType.Access), tokens.GetToken(AmplifyUserPoolTokenType.Id)), Is.EqualTo(("a", "i")));
        Assert.That(tokens.ToString(), Does.Contain("RefreshToken = (none)"));
    }

    [TestCase("", "i")]
    [TestCase("a", " ")]
    public void Constructor_EmptyToken_Throws(string access, string id) =>
        Assert.Throws<ArgumentException>(() => _ = new UserPoolTokens(access, id));
}
