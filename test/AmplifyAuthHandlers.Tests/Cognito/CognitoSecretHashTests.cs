
namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoSecretHashTests
{
    // Expected values computed independently with OpenSSL 3:
    //   printf '%s' "alice1example23456789clientid" | openssl dgst -sha256 -hmac "s3cr3t-client-secret-value" -binary | base64
    //   printf '%s' "usé@example.com7abcclient" | openssl dgst -sha256 -hmac "another/secret+key" -binary | base64
    // (the message is user name + client ID; the shell passed both strings as UTF-8).
    [TestCase("alice", "1example23456789clientid", "s3cr3t-client-secret-value", "TlRPTt11goJslup7TD23R54AWJT3eYsnksw6clHVV+0=")]
    [TestCase("usé@example.com", "7abcclient", "another/secret+key", "SBtCzJSvGkOiYaTfQdP6PusPF1VVde226p8n+d+zXfc=")]
    public void Compute_KnownInputs_MatchesOpenSsl(string username, string clientId, string clientSecret, string expected) =>
        Assert.That(CognitoSecretHash.Compute(username, clientId, clientSecret), Is.EqualTo(expected));

    [Test]
    public void Compute_SwappedUserAndClient_Differs() =>
        Assert.That(
            CognitoSecretHash.Compute("1example23456789clientid", "alice", "s3cr3t-client-secret-value"),
            Is.Not.EqualTo("TlRPTt11goJslup7TD23R54AWJT3eYsnksw6clHVV+0="));

    [TestCase("", "client", "secret")]
    [TestCase("user", "", "secret")]
    [TestCase("user", "client", "")]
    public void Compute_EmptyInput_ThrowsArgumentException(string username, string clientId, string clientSecret) =>
        Assert.That(() => CognitoSecretHash.Compute(username, clientId, clientSecret), Throws.ArgumentException);
}
