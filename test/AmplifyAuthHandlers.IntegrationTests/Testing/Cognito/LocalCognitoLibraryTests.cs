using System.Net;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using AmplifyAuthHandlers.Tests;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>
/// The library's public <see cref="IAmplifyAuth"/> (an independent Cognito client) against LocalCognito (an
/// independent Cognito server): each succeeding is evidence for the other. The library and the server share one
/// <see cref="FakeTimeProvider"/> so expiry can be watched without waiting.
/// </summary>
[TestFixture]
public sealed class LocalCognitoLibraryTests
{
    private const string Password = "Passw0rd!";

    private FakeTimeProvider _time = null!;
    private LocalCognito _cognito = null!;
    private string _aliceSub = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        _cognito = await LocalCognito.StartAsync(new LocalCognitoOptions
        {
            TimeProvider = _time,
            AccessTokenLifetime = TimeSpan.FromMinutes(10),
            IdTokenLifetime = TimeSpan.FromMinutes(10),
            CredentialsLifetime = TimeSpan.FromMinutes(15),
        });
        _aliceSub = _cognito.AddUser("alice", Password, new Dictionary<string, string> { ["email"] = "alice@example.com" });
    }

    [TearDown]
    public async Task TearDown() => await _cognito.DisposeAsync();

    private ServiceProvider Services(string flow = "USER_SRP_AUTH", LocalAppClient? client = null, bool userPool = true, bool identityPool = false)
    {
        client ??= _cognito.DefaultClient;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddAmplifyRestApi(o =>
        {
            if (userPool)
            {
                o.Auth.UserPool = new CognitoUserPoolOptions
                {
                    PoolId = _cognito.UserPoolId,
                    AppClientId = client.ClientId,
                    AppClientSecret = client.ClientSecret,
                    Region = _cognito.Region,
                    Endpoint = _cognito.CognitoIdentityProviderUrl,
                    AuthenticationFlowType = flow,
                };
            }

            if (identityPool)
            {
                o.Auth.IdentityPool = new CognitoIdentityPoolOptions
                {
                    PoolId = _cognito.IdentityPoolId,
                    Region = _cognito.Region,
                    Endpoint = _cognito.CognitoIdentityUrl,
                };
            }
        });
        return services.BuildServiceProvider(validateScopes: true);
    }

    private IEnumerable<(string Operation, string? Detail, int Status)> Calls() =>
        _cognito.Calls.Select(c => (c.Operation, c.Detail, c.StatusCode));

    [Test]
    public async Task SignInAsync_DefaultFlow_CompletesSrpAgainstTheServer()
    {
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        var result = await auth.SignInAsync("alice", Password);
        var session = await auth.FetchSessionAsync();

        Assert.That(result.IsSignedIn, Is.True);
        Assert.That(session.UserPoolTokens, Is.Not.Null);
        Assert.That(Calls(), Is.EqualTo(new[]
        {
            ("InitiateAuth", (string?)"USER_SRP_AUTH", 200),
            ("RespondToAuthChallenge", "PASSWORD_VERIFIER", 200),
        }));
    }

    [Test]
    public async Task SignInAsync_SrpWithWrongPassword_ThrowsNotAuthorized()
    {
        await using var provider = Services();

        var error = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => provider.GetRequiredService<IAmplifyAuth>().SignInAsync("alice", "Wr0ng-password"));

        Assert.That(error!.ErrorCode, Is.EqualTo("NotAuthorizedException"));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Calls().Last(), Is.EqualTo(("RespondToAuthChallenge", (string?)"PASSWORD_VERIFIER", 400)));
    }

    [Test]
    public async Task SignInAsync_UnknownUser_ThrowsNotAuthorized()
    {
        await using var provider = Services();

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => provider.GetRequiredService<IAmplifyAuth>().SignInAsync("nobody", Password));
    }

    [Test]
    public async Task SignInAsync_UserPasswordAuth_SignsIn()
    {
        await using var provider = Services("USER_PASSWORD_AUTH");

        var result = await provider.GetRequiredService<IAmplifyAuth>().SignInAsync("alice", Password);

        Assert.That(result.IsSignedIn, Is.True);
        Assert.That(Calls(), Is.EqualTo(new[] { ("InitiateAuth", (string?)"USER_PASSWORD_AUTH", 200) }));
    }

    [TestCase("USER_SRP_AUTH")]
    [TestCase("USER_PASSWORD_AUTH")]
    public async Task SignInAsync_ClientWithSecret_SendsAnAcceptedSecretHash(string flow)
    {
        var client = _cognito.AddAppClient(withSecret: true);
        await using var provider = Services(flow, client);
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        var result = await auth.SignInAsync("alice", Password);
        var refreshed = await auth.FetchSessionAsync(forceRefresh: true);

        Assert.That(result.IsSignedIn, Is.True);
        Assert.That(refreshed.IsSignedIn, Is.True);
        Assert.That(_cognito.Calls.All(c => c.Succeeded), Is.True, string.Join(", ", _cognito.Calls));
    }

    [Test]
    public async Task SignInAsync_ClientWithSecretButLibraryWithout_IsRefused()
    {
        var client = _cognito.AddAppClient(withSecret: true);
        await using var provider = Services("USER_PASSWORD_AUTH", client with { ClientSecret = null });

        var error = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => provider.GetRequiredService<IAmplifyAuth>().SignInAsync("alice", Password));

        Assert.That(error!.Message, Does.Not.Contain(Password));
    }

    [TestCase("USER_SRP_AUTH")]
    [TestCase("USER_PASSWORD_AUTH")]
    public async Task ConfirmSignInAsync_NewPasswordRequired_SetsThePassword(string flow)
    {
        _cognito.AddUser("bob", "Temp0rary!", status: LocalUserStatus.ForceChangePassword);
        await using var provider = Services(flow);
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        var first = await auth.SignInAsync("bob", "Temp0rary!");
        var second = await auth.ConfirmSignInAsync("N3w-Passw0rd!");

        Assert.That(first.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithNewPassword));
        Assert.That(second.IsSignedIn, Is.True);
        Assert.That(_cognito.GetUserStatus("bob"), Is.EqualTo(LocalUserStatus.Confirmed));
    }

    [Test]
    public async Task ConfirmSignInAsync_TotpCode_SignsIn()
    {
        var secret = LocalTotp.CreateSecret();
        _cognito.AddUser("carol", Password, totpSecret: secret);
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        var first = await auth.SignInAsync("carol", Password);
        var second = await auth.ConfirmSignInAsync(LocalTotp.ComputeCode(secret, _time.GetUtcNow()));

        Assert.That(first.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithTotpCode));
        Assert.That(second.IsSignedIn, Is.True);
        Assert.That(Calls().Last(), Is.EqualTo(("RespondToAuthChallenge", (string?)"SOFTWARE_TOKEN_MFA", 200)));
    }

    [Test]
    public async Task ConfirmSignInAsync_WrongTotpCode_ThrowsCodeMismatch()
    {
        var secret = LocalTotp.CreateSecret();
        _cognito.AddUser("carol", Password, totpSecret: secret);
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        await auth.SignInAsync("carol", Password);
        var code = LocalTotp.ComputeCode(secret, _time.GetUtcNow());

        var error = Assert.ThrowsAsync(Is.InstanceOf<CognitoServiceException>(), () => auth.ConfirmSignInAsync(code == "000000" ? "111111" : "000000"));

        Assert.That(((CognitoServiceException)error!).ErrorCode, Is.EqualTo("CodeMismatchException"));
    }

    [Test]
    public async Task FetchSessionAsync_AccessTokenNearExpiry_RefreshesWithTheRefreshToken()
    {
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        await auth.SignInAsync("alice", Password);
        var before = (await auth.FetchSessionAsync()).UserPoolTokens!;

        _time.Advance(TimeSpan.FromMinutes(6));
        var after = (await auth.FetchSessionAsync()).UserPoolTokens!;

        Assert.That(after.AccessToken, Is.Not.EqualTo(before.AccessToken));
        Assert.That(after.AccessTokenExpiresAt, Is.EqualTo(before.AccessTokenExpiresAt!.Value.AddMinutes(6)));
        Assert.That(after.RefreshToken, Is.EqualTo(before.RefreshToken), "Cognito does not rotate refresh tokens by default");
        Assert.That(Calls().Last(), Is.EqualTo(("InitiateAuth", (string?)"REFRESH_TOKEN_AUTH", 200)));
    }

    [Test]
    public async Task SignOutAsync_Global_RevokesTheRefreshTokenAtTheServer()
    {
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        await auth.SignInAsync("alice", Password);
        var refreshToken = (await auth.FetchSessionAsync()).UserPoolTokens!.RefreshToken!;

        await auth.SignOutAsync(global: true);
        using var wire = new CognitoWire(_cognito.BaseAddress);
        var refresh = await wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "REFRESH_TOKEN_AUTH",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refreshToken },
        });

        Assert.That(Calls().Select(c => (c.Operation, c.Status)), Does.Contain(("GlobalSignOut", 200)).And.Contain(("RevokeToken", 200)));
        Assert.That(refresh.Message, Is.EqualTo("Refresh Token has been revoked"));
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
    }

    [Test]
    public async Task FetchSessionAsync_Guest_GetsUnauthenticatedCredentialsTheServerKnows()
    {
        await using var provider = Services(userPool: false, identityPool: true);

        var session = await provider.GetRequiredService<IAmplifyAuth>().FetchSessionAsync();

        var found = _cognito.FindCredentials(session.AwsCredentials!.AccessKeyId);
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Principal, Is.EqualTo(session.IdentityId));
            Assert.That(found.Role, Is.EqualTo("unauthenticated"));
            Assert.That(session.AwsCredentials.SecretAccessKey, Is.EqualTo(found.SecretAccessKey));
            Assert.That(session.AwsCredentials.SessionToken, Is.EqualTo(found.SessionToken));
            Assert.That(session.AwsCredentials.Expiration, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(found.Expiration!.Value.ToUnixTimeSeconds())), "Expiration travels as epoch seconds");
        });
    }

    [Test]
    public async Task FetchSessionAsync_SignedIn_GetsAuthenticatedCredentialsForTheUsersIdentity()
    {
        await using var provider = Services(identityPool: true);
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        await auth.SignInAsync("alice", Password);

        var session = await auth.FetchSessionAsync();
        var found = _cognito.FindCredentials(session.AwsCredentials!.AccessKeyId)!;
        await using var other = Services(identityPool: true);
        var otherAuth = other.GetRequiredService<IAmplifyAuth>();
        await otherAuth.SignInAsync("alice", Password);
        var otherSession = await otherAuth.FetchSessionAsync();

        Assert.That(found.Role, Is.EqualTo("authenticated"));
        Assert.That(found.Principal, Is.EqualTo(session.IdentityId));
        Assert.That(otherSession.IdentityId, Is.EqualTo(session.IdentityId), "the same user gets the same identity");
        Assert.That(_aliceSub, Is.Not.Empty);
    }

    [Test]
    public async Task FetchSessionAsync_CredentialsExpire_AreRefreshed()
    {
        await using var provider = Services(userPool: false, identityPool: true);
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        var first = (await auth.FetchSessionAsync()).AwsCredentials!;

        _time.Advance(TimeSpan.FromMinutes(15));
        var second = (await auth.FetchSessionAsync()).AwsCredentials!;

        Assert.That(second.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId));
        Assert.That(second.Expiration, Is.GreaterThan(first.Expiration!.Value));
        Assert.That(_cognito.Calls.Count(c => c.Operation == "GetCredentialsForIdentity"), Is.EqualTo(2));
    }

    [Test]
    public async Task FetchSessionAsync_InjectedInternalError_IsRetriedAndGivesCredentials()
    {
        await using var provider = Services(userPool: false, identityPool: true);
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        _cognito.InjectFault("GetCredentialsForIdentity", count: 1, errorType: "InternalErrorException");

        // The retry waits its jittered backoff (at most 100 ms after a 500) on the fake clock: move the clock on in
        // small steps until the call completes; no assertion depends on how far it moved.
        var fetch = auth.FetchSessionAsync();
        while (!fetch.IsCompleted)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        var session = await fetch;

        Assert.That(_cognito.Calls.Where(c => c.Operation == "GetCredentialsForIdentity").Select(c => c.StatusCode), Is.EqualTo(new[] { 500, 200 }));
        Assert.That(session.AwsCredentials, Is.Not.Null, "one Cognito 500 no longer fails the call (AWS standard retry mode)");
        Assert.That(_cognito.FindCredentials(session.AwsCredentials!.AccessKeyId)!.Principal, Is.EqualTo(session.IdentityId));
    }
}
