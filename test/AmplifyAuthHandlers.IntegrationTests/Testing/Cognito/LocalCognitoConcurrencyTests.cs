using System.Net;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

[TestFixture]
public sealed class LocalCognitoConcurrencyTests
{
    [Test]
    public async Task ParallelSignInsAndIdentities_AllSucceed_AndEveryCallIsRecorded()
    {
        await using var cognito = await LocalCognito.StartAsync();
        for (var i = 0; i < 8; i++)
        {
            cognito.AddUser($"user{i}", "Passw0rd!");
        }

        using var wire = new CognitoWire(cognito.BaseAddress);
        var signIns = Enumerable.Range(0, 24).Select(i => wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = $"user{i % 8}", ["PASSWORD"] = "Passw0rd!" },
        }));
        var responses = await Task.WhenAll(signIns);
        var identities = await Task.WhenAll(responses.Select(r => wire.PostAsync(CognitoWire.Identity, "GetId", new Dictionary<string, object>
        {
            ["IdentityPoolId"] = cognito.IdentityPoolId,
            ["Logins"] = new Dictionary<string, string> { [cognito.LoginsKey] = r.Str("AuthenticationResult", "IdToken") },
        })));

        Assert.That(responses.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(identities.Select(r => r.Str("IdentityId")).Distinct().Count(), Is.EqualTo(8), "one identity per user, however the calls interleave");
        Assert.That(cognito.Calls, Has.Count.EqualTo(48));
    }
}
