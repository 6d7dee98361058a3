using System.Net;
using AmplifyAuthHandlers.Tests;

namespace AmplifyAuthHandlers.IntegrationTests.Cognito;

/// <summary>
/// <see cref="CognitoIdentityProviderClient"/> against cognito-local over loopback. Where cognito-local differs from
/// Cognito the test says so, and pins what the emulator does.
/// </summary>
[TestFixture]
public sealed class CognitoIdentityProviderClientTests
{
    private const string Username = "alice";
    private const string Password = "Corr3ct#Horse-Battery";

    private CognitoLocalServer _server = null!;
    private HttpClient _httpClient = null!;
    private CognitoIdentityProviderClient _client = null!;
    private string _poolId = null!;
    private string _clientId = null!;
    private string _sub = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _server = await CognitoLocalServer.GetSharedAsync();
        _httpClient = new HttpClient();
        _client = new CognitoIdentityProviderClient(_httpClient, _server.Endpoint);
        _poolId = await _server.CreateUserPoolAsync("provider-client-tests");
        _clientId = await _server.CreateUserPoolClientAsync(_poolId);
        _sub = await _server.CreateConfirmedUserAsync(_poolId, Username, Password);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => _httpClient?.Dispose();

    [Test]
    public async Task InitiateAuthAsync_UserPasswordAuth_ReturnsTokensWhoseClaimsAreReadable()
    {
        var response = await _client.InitiateAuthAsync(PasswordRequest(Password), CancellationToken.None);

        var result = response.AuthenticationResult!;
        var access = JwtTokenReader.Read(result.AccessToken!);
        var id = JwtTokenReader.Read(result.IdToken!);
        Assert.Multiple(() =>
        {
            Assert.That(response.ChallengeName, Is.Null);
            Assert.That(result.RefreshToken, Is.Not.Null.And.Not.Empty);
            Assert.That(access.ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(id.ExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(access.Subject, Is.EqualTo(_sub));
            Assert.That(access.Username, Is.EqualTo(Username));
            Assert.That(access.TokenUse, Is.EqualTo("access"));
            Assert.That(id.Username, Is.EqualTo(Username), "the ID token carries cognito:username");
            Assert.That(id.TokenUse, Is.EqualTo("id"));
            Assert.That(access.Issuer, Is.EqualTo($"http://127.0.0.1:{_server.Endpoint.Port}/{_poolId}"));

            // cognito-local quirk: no ExpiresIn (Cognito sends 3600); the JWT's exp is the source of truth anyway.
            Assert.That(result.ExpiresIn, Is.Null);
        });
    }

    [Test]
    public async Task InitiateAuthAsync_RefreshTokenAuth_ReturnsNewReadableTokens()
    {
        var signIn = (await _client.InitiateAuthAsync(PasswordRequest(Password), CancellationToken.None)).AuthenticationResult!;

        var refreshed = await _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.RefreshTokenAuth, _clientId, new Dictionary<string, string> { [CognitoAuthParameters.RefreshToken] = signIn.RefreshToken! }),
            CancellationToken.None);

        var result = refreshed.AuthenticationResult!;
        Assert.Multiple(() =>
        {
            Assert.That(result.AccessToken, Is.Not.Null.And.Not.EqualTo(signIn.AccessToken));
            Assert.That(JwtTokenReader.ReadExpiration(result.AccessToken!), Is.GreaterThan(DateTimeOffset.UtcNow));
            Assert.That(JwtTokenReader.Read(result.IdToken!).Subject, Is.EqualTo(_sub));
            Assert.That(result.RefreshToken, Is.Null, "REFRESH_TOKEN_AUTH keeps the old refresh token");
        });
    }

    [Test]
    public void InitiateAuthAsync_WrongPassword_ThrowsCognitoLocalsInvalidPasswordError()
    {
        // Cognito answers a wrong password with NotAuthorizedException ("Incorrect username or password.").
        // cognito-local 5.3.0 answers InvalidPasswordException instead (lib/targets/initiateAuth.js), which Cognito uses
        // only for password-policy violations and never returns from InitiateAuth; the client reports it faithfully.
        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(PasswordRequest("Wr0ng#Password"), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo("InvalidPasswordException"));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exception.Message, Does.Contain("InitiateAuth").And.Not.Contain("Wr0ng#Password"));
        });
    }

    [Test]
    public void InitiateAuthAsync_UnknownUser_ThrowsNotAuthorized()
    {
        // Like Cognito with PreventUserExistenceErrors enabled: an unknown user is indistinguishable from bad credentials.
        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, _clientId, new Dictionary<string, string> { ["USERNAME"] = "nobody", ["PASSWORD"] = Password }),
            CancellationToken.None));

        Assert.That(exception!.Message, Does.Not.Contain(Password));
    }

    [Test]
    public void InitiateAuthAsync_UnknownClient_ThrowsResourceNotFound() =>
        CognitoAssert.ThrowsAsync(CognitoErrorCodes.ResourceNotFound, () => _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, "nosuchclient", new Dictionary<string, string> { ["USERNAME"] = Username, ["PASSWORD"] = Password }),
            CancellationToken.None));

    [Test]
    public async Task InitiateAuthAsync_UnconfirmedUser_ThrowsUserNotConfirmed()
    {
        await _server.SignUpUnconfirmedUserAsync(_clientId, "unconfirmed-user", Password);

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.UserNotConfirmed, () => _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, _clientId, new Dictionary<string, string> { ["USERNAME"] = "unconfirmed-user", ["PASSWORD"] = Password }),
            CancellationToken.None));
    }

    [Test]
    public async Task RespondToAuthChallengeAsync_NewPasswordRequired_CompletesSignIn()
    {
        await _server.CreateUserWithTemporaryPasswordAsync(_poolId, "new-user", "Temp#Pass-123");
        var challenge = await _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, _clientId, new Dictionary<string, string> { ["USERNAME"] = "new-user", ["PASSWORD"] = "Temp#Pass-123" }),
            CancellationToken.None);
        Assert.That(challenge.ChallengeName, Is.EqualTo(CognitoChallengeName.NewPasswordRequired));

        var response = await _client.RespondToAuthChallengeAsync(
            new RespondToAuthChallengeRequest(
                _clientId,
                CognitoChallengeName.NewPasswordRequired,
                challenge.Session,
                new Dictionary<string, string> { ["USERNAME"] = "new-user", ["NEW_PASSWORD"] = "N3w#Password-456" }),
            CancellationToken.None);

        Assert.That(JwtTokenReader.Read(response.AuthenticationResult!.AccessToken!).Username, Is.EqualTo("new-user"));
    }

    [Test]
    public async Task RevokeTokenAsync_RefreshToken_MakesLaterRefreshNotAuthorized()
    {
        var signIn = (await _client.InitiateAuthAsync(PasswordRequest(Password), CancellationToken.None)).AuthenticationResult!;

        await _client.RevokeTokenAsync(signIn.RefreshToken!, _clientId, clientSecret: null, CancellationToken.None);

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.RefreshTokenAuth, _clientId, new Dictionary<string, string> { [CognitoAuthParameters.RefreshToken] = signIn.RefreshToken! }),
            CancellationToken.None));
    }

    [Test]
    public void InitiateAuthAsync_UserSrpAuth_ReportsCognitoLocalsUnsupportedError()
    {
        // cognito-local has no USER_SRP_AUTH; its "CognitoLocal#Unsupported" 500 still becomes a typed error.
        var srp = CognitoSrpHelper.Create($"{_poolId}", TimeProvider.System);

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserSrpAuth, _clientId, new Dictionary<string, string> { ["USERNAME"] = Username, [CognitoAuthParameters.SrpA] = srp.SrpA }),
            CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo("Unsupported"));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        });
    }

    private InitiateAuthRequest PasswordRequest(string password) =>
        new(CognitoAuthFlow.UserPasswordAuth, _clientId, new Dictionary<string, string> { [CognitoAuthParameters.Username] = Username, [CognitoAuthParameters.Password] = password });
}
