using System.Net;
using System.Numerics;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

[TestFixture]
public sealed class LocalCognitoStartTests
{
    [TestCase("us-east-1_", null)]
    [TestCase("eu-west-1_abcdefghi", null)]
    [TestCase(null, "us-east-1:not-a-guid")]
    public void StartAsync_MalformedPoolIds_ThrowArgumentException(string? userPoolId, string? identityPoolId)
    {
        Assert.ThrowsAsync<ArgumentException>(() => LocalCognito.StartAsync(new LocalCognitoOptions { UserPoolId = userPoolId, IdentityPoolId = identityPoolId }));
    }

    [Test]
    public void StartAsync_NonPositiveLifetime_ThrowsArgumentException()
    {
        Assert.ThrowsAsync<ArgumentException>(() => LocalCognito.StartAsync(new LocalCognitoOptions { CredentialsLifetime = TimeSpan.Zero }));
    }

    [Test]
    public async Task StartAsync_GivenIds_AreUsed_AndLaterOptionChangesDoNotReachTheServer()
    {
        var options = new LocalCognitoOptions
        {
            Region = "ap-southeast-2",
            UserPoolId = "ap-southeast-2_Abc123XyZ",
            IdentityPoolId = "ap-southeast-2:11111111-2222-3333-4444-555555555555",
        };
        await using var cognito = await LocalCognito.StartAsync(options);
        options.AllowUnauthenticatedIdentities = false;
        using var wire = new CognitoWire(cognito.BaseAddress);

        var guest = await wire.PostAsync(CognitoWire.Identity, "GetId", new Dictionary<string, object> { ["IdentityPoolId"] = cognito.IdentityPoolId });

        Assert.That(cognito.UserPoolId, Is.EqualTo("ap-southeast-2_Abc123XyZ"));
        Assert.That(cognito.IdentityPoolId, Is.EqualTo("ap-southeast-2:11111111-2222-3333-4444-555555555555"));
        Assert.That(guest.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task InitiateAuth_SrpAThatIsZeroModuloN_IsRefused()
    {
        await using var cognito = await LocalCognito.StartAsync();
        cognito.AddUser("alice", "Passw0rd!");
        using var wire = new CognitoWire(cognito.BaseAddress);

        var response = await wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_SRP_AUTH",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "alice", ["SRP_A"] = SrpServer.ToHex(SrpServer.N * new BigInteger(2)) },
        });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Type, Is.EqualTo("InvalidParameterException"));
    }

    [Test]
    public async Task InitiateAuth_SrpUnknownUserWithExistenceErrors_IsUserNotFound()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { PreventUserExistenceErrors = false });
        using var wire = new CognitoWire(cognito.BaseAddress);

        var response = await wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_SRP_AUTH",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "nobody", ["SRP_A"] = SrpServer.ToHex(BigInteger.ModPow(SrpServer.G, 12345, SrpServer.N)) },
        });

        Assert.That(response.Type, Is.EqualTo("UserNotFoundException"));
    }

    [Test]
    public async Task AddUser_Twice_Throws()
    {
        await using var cognito = await LocalCognito.StartAsync();
        cognito.AddUser("alice", "Passw0rd!");

        Assert.Throws<InvalidOperationException>(() => cognito.AddUser("ALICE", "Passw0rd!"), "user names are case-insensitive");
        Assert.Throws<ArgumentException>(() => cognito.AddUser("bob", "Passw0rd!", totpSecret: "not base32!"));
    }
}
