
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
