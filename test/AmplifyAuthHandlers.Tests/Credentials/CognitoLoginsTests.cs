namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class CognitoLoginsTests
{
    [Test]
    public void Unauthenticated_HasNoLoginsAndNoPrincipal()
    {
        var guest = CognitoLogins.Unauthenticated;

        Assert.That(guest.Logins, Is.Empty);
        Assert.That(guest.PrincipalKey, Is.Empty);
        Assert.That(guest.IsAuthenticated, Is.False);
        Assert.That(guest.ToString(), Is.EqualTo("CognitoLogins { Unauthenticated }"));
        Assert.That(CognitoLogins.Unauthenticated, Is.SameAs(guest));
    }

    [Test]
    public void Constructor_Logins_AreAuthenticatedAndPrintTheProvidersNotTheTokens()
    {
        var logins = new CognitoLogins(new Dictionary<string, string> { ["cognito-idp.us-west-2.amazonaws.com/us-west-2_a"] = "token-a", ["graph.facebook.com"] = "token-b" }, "user-1");

        Assert.That(logins.IsAuthenticated, Is.True);
        Assert.That(logins.PrincipalKey, Is.EqualTo("user-1"));
        Assert.That(logins.Logins["graph.facebook.com"], Is.EqualTo("token-b"));
        Assert.That(logins.ToString(), Is.EqualTo("CognitoLogins { Providers = [cognito-idp.us-west-2.amazonaws.com/us-west-2_a, graph.facebook.com], PrincipalKey = user-1 }"));
    }

    [Test]
    public void Constructor_EmptyLogins_IsNotAuthenticated() =>
        Assert.That(new CognitoLogins(new Dictionary<string, string>(), "user-1").IsAuthenticated, Is.False);

    [Test]
    public void Constructor_NullLoginsOrBlankPrincipal_Throws()
    {
        Assert.That(() => new CognitoLogins(null!, "user-1"), Throws.ArgumentNullException);
        Assert.That(() => new CognitoLogins(new Dictionary<string, string> { ["p"] = "t" }, " "), Throws.ArgumentException);
    }

    [Test]
    public async Task UnauthenticatedLoginsProvider_IsAlwaysTheGuest() =>
        Assert.That(await new UnauthenticatedLoginsProvider().GetLoginsAsync(default), Is.SameAs(CognitoLogins.Unauthenticated));
}
