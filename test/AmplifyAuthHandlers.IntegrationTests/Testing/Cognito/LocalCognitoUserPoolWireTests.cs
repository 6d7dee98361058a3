using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>LocalCognito's user pool over raw JSON 1.1, checked against the botocore model's shapes and error names.</summary>
[TestFixture]
public sealed class LocalCognitoUserPoolWireTests
{
    private const string Password = "Passw0rd!";
    private const string Op = CognitoWire.IdentityProvider;

    private FakeTimeProvider _time = null!;
    private LocalCognito _cognito = null!;
    private CognitoWire _wire = null!;
    private string _aliceSub = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
        _cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { TimeProvider = _time, AccessTokenLifetime = TimeSpan.FromMinutes(5), RefreshTokenLifetime = TimeSpan.FromDays(2) });
        _wire = new CognitoWire(_cognito.CognitoIdentityProviderUrl);
        _aliceSub = _cognito.AddUser("alice", Password, new Dictionary<string, string> { ["email"] = "alice@example.com", ["email_verified"] = "true" });
    }

    [TearDown]
    public async Task TearDown()
    {
        _wire.Dispose();
        await _cognito.DisposeAsync();
    }

    private Task<WireResponse> PasswordAuth(string user, string password, LocalAppClient? client = null, string? secretHash = null)
    {
        var parameters = new Dictionary<string, string> { ["USERNAME"] = user, ["PASSWORD"] = password };
        if (secretHash is not null)
        {
            parameters["SECRET_HASH"] = secretHash;
        }

        return _wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = (client ?? _cognito.DefaultClient).ClientId,
            ["AuthParameters"] = parameters,
        });
    }

    private static JsonElement Claims(string jwt) =>
        JsonDocument.Parse(Convert.FromBase64String(Pad(jwt.Split('.')[1]))).RootElement.Clone();

    private static string Pad(string b64Url)
    {
        var s = b64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }

    private static void AssertShape(JsonElement body, JsonElement model, string shape)
    {
        var members = CognitoServiceModels.Members(model, shape);
        foreach (var property in body.EnumerateObject())
        {
            Assert.That(members, Does.Contain(property.Name), $"{property.Name} is not a member of {shape}");
        }
    }

    private static void AssertError(WireResponse response, string operation, string type, HttpStatusCode status)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Type, Is.EqualTo(type));
            Assert.That(response.ErrorTypeHeader, Is.EqualTo(type));
            Assert.That(response.Message, Is.Not.Empty);
            Assert.That(response.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(CognitoServiceModels.Errors(CognitoServiceModels.Provider, operation), Does.Contain(type), $"{operation} does not declare {type}");
        });
    }

    [Test]
    public void Ids_LookLikeCognitos()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_cognito.UserPoolId, Does.Match("^us-east-1_[A-Za-z0-9]{9}$"));
            Assert.That(_cognito.IdentityPoolId, Does.Match("^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
            Assert.That(_cognito.DefaultClient.ClientId, Does.Match("^[a-z0-9]{26}$"));
            Assert.That(_cognito.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(_cognito.LoginsKey, Is.EqualTo($"cognito-idp.us-east-1.amazonaws.com/{_cognito.UserPoolId}"));
            Assert.That(_cognito.Issuer, Is.EqualTo($"http://127.0.0.1:{_cognito.BaseAddress.Port}/{_cognito.UserPoolId}"));
        });
    }

    [Test]
    public async Task InitiateAuth_UserPasswordAuth_ReturnsModelShapedTokensWithCognitosClaims()
    {
        var response = await PasswordAuth("alice", Password);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        var model = CognitoServiceModels.Provider;
        AssertShape(response.Body, model, CognitoServiceModels.OutputShape(model, "InitiateAuth"));
        var result = response.Body.GetProperty("AuthenticationResult");
        AssertShape(result, model, "AuthenticationResultType");
        var access = Claims(result.GetProperty("AccessToken").GetString()!);
        var id = Claims(result.GetProperty("IdToken").GetString()!);
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ExpiresIn").GetInt32(), Is.EqualTo(300));
            Assert.That(result.GetProperty("TokenType").GetString(), Is.EqualTo("Bearer"));
            Assert.That(result.GetProperty("RefreshToken").GetString(), Is.Not.Empty);
            Assert.That(access.GetProperty("token_use").GetString(), Is.EqualTo("access"));
            Assert.That(access.GetProperty("client_id").GetString(), Is.EqualTo(_cognito.DefaultClient.ClientId));
            Assert.That(access.GetProperty("username").GetString(), Is.EqualTo("alice"));
            Assert.That(access.GetProperty("sub").GetString(), Is.EqualTo(_aliceSub));
            Assert.That(access.GetProperty("iss").GetString(), Is.EqualTo(_cognito.Issuer));
            Assert.That(access.GetProperty("iat").GetInt64(), Is.EqualTo(now));
            Assert.That(access.GetProperty("auth_time").GetInt64(), Is.EqualTo(now));
            Assert.That(access.GetProperty("exp").GetInt64(), Is.EqualTo(now + 300));
            Assert.That(id.GetProperty("token_use").GetString(), Is.EqualTo("id"));
            Assert.That(id.GetProperty("aud").GetString(), Is.EqualTo(_cognito.DefaultClient.ClientId));
            Assert.That(id.GetProperty("cognito:username").GetString(), Is.EqualTo("alice"));
            Assert.That(id.GetProperty("email").GetString(), Is.EqualTo("alice@example.com"));
            Assert.That(id.GetProperty("email_verified").GetBoolean(), Is.True);
            Assert.That(id.GetProperty("exp").GetInt64(), Is.EqualTo(now + 3600));
        });
    }

    [Test]
    public async Task Jwks_VerifiesTheIssuedTokens()
    {
        var tokens = (await PasswordAuth("alice", Password)).Body.GetProperty("AuthenticationResult");
        using var jwksResponse = await _wire.GetAsync($"/{_cognito.UserPoolId}/.well-known/jwks.json");
        var key = JsonDocument.Parse(await jwksResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("keys")[0];
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Convert.FromBase64String(Pad(key.GetProperty("n").GetString()!)),
            Exponent = Convert.FromBase64String(Pad(key.GetProperty("e").GetString()!)),
        });

        foreach (var name in new[] { "AccessToken", "IdToken" })
        {
            var parts = tokens.GetProperty(name).GetString()!.Split('.');
            var header = JsonDocument.Parse(Convert.FromBase64String(Pad(parts[0]))).RootElement;
            Assert.That(header.GetProperty("alg").GetString(), Is.EqualTo("RS256"));
            Assert.That(header.GetProperty("kid").GetString(), Is.EqualTo(key.GetProperty("kid").GetString()));
            Assert.That(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Convert.FromBase64String(Pad(parts[2])), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), Is.True, name);
            Assert.That(_cognito.TryGetSigningKey(header.GetProperty("kid").GetString()!, out var issuerKey), Is.True);
            Assert.That(issuerKey!.ExportParameters(false).Modulus, Is.EqualTo(rsa.ExportParameters(false).Modulus));
        }
    }

    [Test]
    public async Task InitiateAuth_WrongPassword_IsNotAuthorized()
    {
        var response = await PasswordAuth("alice", "wrong-password");

        AssertError(response, "InitiateAuth", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(response.Message, Is.EqualTo("Incorrect username or password."));
    }

    [Test]
    public async Task InitiateAuth_UnknownUser_IsNotAuthorizedByDefault()
    {
        var response = await PasswordAuth("nobody", Password);

        AssertError(response, "InitiateAuth", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(response.Message, Is.EqualTo("Incorrect username or password."));
    }

    [Test]
    public async Task InitiateAuth_UnknownUserWithExistenceErrors_IsUserNotFound()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { PreventUserExistenceErrors = false });
        using var wire = new CognitoWire(cognito.BaseAddress);

        var response = await wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "nobody", ["PASSWORD"] = Password },
        });

        AssertError(response, "InitiateAuth", "UserNotFoundException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task InitiateAuth_UnknownClient_IsResourceNotFound()
    {
        var response = await PasswordAuth("alice", Password, new LocalAppClient("abcdefghijklmnopqrstuvwxyz", null));

        AssertError(response, "InitiateAuth", "ResourceNotFoundException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task InitiateAuth_MissingClientId_IsInvalidParameter()
    {
        var response = await _wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object> { ["AuthFlow"] = "USER_PASSWORD_AUTH" });

        AssertError(response, "InitiateAuth", "InvalidParameterException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task InitiateAuth_ClientWithSecret_ChecksSecretHash()
    {
        var client = _cognito.AddAppClient(withSecret: true);
        var hash = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret!), Encoding.UTF8.GetBytes("alice" + client.ClientId)));

        var missing = await PasswordAuth("alice", Password, client);
        var wrong = await PasswordAuth("alice", Password, client, Convert.ToBase64String(new byte[32]));
        var right = await PasswordAuth("alice", Password, client, hash);

        AssertError(missing, "InitiateAuth", "NotAuthorizedException", HttpStatusCode.BadRequest);
        AssertError(wrong, "InitiateAuth", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(wrong.Message, Is.EqualTo($"Unable to verify secret hash for client {client.ClientId}"));
        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(client.ToString(), Does.Not.Contain(client.ClientSecret));
    }

    [Test]
    public async Task InitiateAuth_UserSrpAuth_ChallengeThenSignatureGivesTokens()
    {
        var tokens = await SrpSignIn("alice", Password);

        Assert.That(tokens.Status, Is.EqualTo(HttpStatusCode.OK));
        AssertShape(tokens.Body, CognitoServiceModels.Provider, CognitoServiceModels.OutputShape(CognitoServiceModels.Provider, "RespondToAuthChallenge"));
        Assert.That(Claims(tokens.Str("AuthenticationResult", "AccessToken")).GetProperty("sub").GetString(), Is.EqualTo(_aliceSub));
    }

    [Test]
    public async Task RespondToAuthChallenge_SrpWithWrongPassword_IsNotAuthorized()
    {
        var response = await SrpSignIn("alice", "not-the-password");

        AssertError(response, "RespondToAuthChallenge", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(response.Message, Is.EqualTo("Incorrect username or password."));
    }

    [Test]
    public async Task RespondToAuthChallenge_SrpForUnknownUser_ChallengesThenRefuses()
    {
        var response = await SrpSignIn("nobody", Password);

        AssertError(response, "RespondToAuthChallenge", "NotAuthorizedException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task RespondToAuthChallenge_SecretBlockReplayed_IsRefused()
    {
        var (challenge, answer) = await SrpAnswer("alice", Password);
        var first = await _wire.PostAsync(Op, "RespondToAuthChallenge", answer);
        var replay = await _wire.PostAsync(Op, "RespondToAuthChallenge", answer);

        Assert.That(challenge.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK));
        AssertError(replay, "RespondToAuthChallenge", "NotAuthorizedException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task NewPasswordRequired_AnsweredWithNewPassword_ConfirmsTheUser()
    {
        _cognito.AddUser("bob", "Temp0rary!", status: LocalUserStatus.ForceChangePassword);

        var challenge = await PasswordAuth("bob", "Temp0rary!");
        var answer = await _wire.PostAsync(Op, "RespondToAuthChallenge", new Dictionary<string, object>
        {
            ["ChallengeName"] = "NEW_PASSWORD_REQUIRED",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["Session"] = challenge.Str("Session"),
            ["ChallengeResponses"] = new Dictionary<string, string> { ["USERNAME"] = "bob", ["NEW_PASSWORD"] = "N3w-Passw0rd!" },
        });
        var withNew = await PasswordAuth("bob", "N3w-Passw0rd!");
        var withOld = await PasswordAuth("bob", "Temp0rary!");

        Assert.Multiple(() =>
        {
            Assert.That(challenge.Str("ChallengeName"), Is.EqualTo("NEW_PASSWORD_REQUIRED"));
            Assert.That(challenge.Body.GetProperty("ChallengeParameters").GetProperty("requiredAttributes").GetString(), Is.EqualTo("[]"));
            Assert.That(answer.Body.TryGetProperty("AuthenticationResult", out _), Is.True);
            Assert.That(_cognito.GetUserStatus("bob"), Is.EqualTo(LocalUserStatus.Confirmed));
            Assert.That(withNew.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(withOld.Type, Is.EqualTo("NotAuthorizedException"));
        });
    }

    [Test]
    public async Task SoftwareTokenMfa_RightCodeSignsIn_WrongCodeIsCodeMismatch()
    {
        var secret = LocalTotp.CreateSecret();
        _cognito.AddUser("carol", Password, totpSecret: secret);

        var challenge = await PasswordAuth("carol", Password);
        Task<WireResponse> Answer(string code) => _wire.PostAsync(Op, "RespondToAuthChallenge", new Dictionary<string, object>
        {
            ["ChallengeName"] = "SOFTWARE_TOKEN_MFA",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["Session"] = challenge.Str("Session"),
            ["ChallengeResponses"] = new Dictionary<string, string> { ["USERNAME"] = "carol", ["SOFTWARE_TOKEN_MFA_CODE"] = code },
        });
        var rightCode = LocalTotp.ComputeCode(secret, _time.GetUtcNow());
        var wrongCode = rightCode == "000000" ? "111111" : "000000";
        var wrong = await Answer(wrongCode);
        var right = await Answer(rightCode);

        Assert.That(challenge.Str("ChallengeName"), Is.EqualTo("SOFTWARE_TOKEN_MFA"));
        AssertError(wrong, "RespondToAuthChallenge", "CodeMismatchException", HttpStatusCode.BadRequest);
        Assert.That(right.Body.TryGetProperty("AuthenticationResult", out _), Is.True);
    }

    [Test]
    public async Task SoftwareTokenMfa_FixedCodeOption_IsAccepted()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { FixedTotpCode = "123456" });
        cognito.AddUser("dave", Password, totpSecret: LocalTotp.CreateSecret());
        using var wire = new CognitoWire(cognito.BaseAddress);
        var challenge = await wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "dave", ["PASSWORD"] = Password },
        });

        var answer = await wire.PostAsync(Op, "RespondToAuthChallenge", new Dictionary<string, object>
        {
            ["ChallengeName"] = "SOFTWARE_TOKEN_MFA",
            ["ClientId"] = cognito.DefaultClient.ClientId,
            ["Session"] = challenge.Str("Session"),
            ["ChallengeResponses"] = new Dictionary<string, string> { ["USERNAME"] = "dave", ["SOFTWARE_TOKEN_MFA_CODE"] = "123456" },
        });

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task RespondToAuthChallenge_ExpiredSession_IsNotAuthorized()
    {
        _cognito.AddUser("erin", Password, totpSecret: LocalTotp.CreateSecret());
        var challenge = await PasswordAuth("erin", Password);
        _time.Advance(TimeSpan.FromMinutes(4));

        var answer = await _wire.PostAsync(Op, "RespondToAuthChallenge", new Dictionary<string, object>
        {
            ["ChallengeName"] = "SOFTWARE_TOKEN_MFA",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["Session"] = challenge.Str("Session"),
            ["ChallengeResponses"] = new Dictionary<string, string> { ["USERNAME"] = "erin", ["SOFTWARE_TOKEN_MFA_CODE"] = "000000" },
        });

        AssertError(answer, "RespondToAuthChallenge", "NotAuthorizedException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task RefreshTokenAuth_GivesNewTokensWithoutARefreshToken_UntilItExpires()
    {
        var first = (await PasswordAuth("alice", Password)).Body.GetProperty("AuthenticationResult");
        var refresh = first.GetProperty("RefreshToken").GetString()!;
        _time.Advance(TimeSpan.FromMinutes(10));
        Task<WireResponse> Refresh(string flow) => _wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = flow,
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["REFRESH_TOKEN"] = refresh },
        });

        var refreshed = await Refresh("REFRESH_TOKEN_AUTH");
        var alias = await Refresh("REFRESH_TOKEN");
        _time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var lastSecond = await Refresh("REFRESH_TOKEN_AUTH");
        _time.Advance(TimeSpan.FromSeconds(2));
        var expired = await Refresh("REFRESH_TOKEN_AUTH");

        var result = refreshed.Body.GetProperty("AuthenticationResult");
        var access = Claims(result.GetProperty("AccessToken").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(result.TryGetProperty("RefreshToken", out _), Is.False);
            Assert.That(access.GetProperty("iat").GetInt64() - access.GetProperty("auth_time").GetInt64(), Is.EqualTo(600), "auth_time stays the sign-in's");
            Assert.That(alias.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(lastSecond.Status, Is.EqualTo(HttpStatusCode.OK), "RefreshTokenLifetime (2 days here) has not passed");
            Assert.That(expired.Type, Is.EqualTo("NotAuthorizedException"));
            Assert.That(new LocalCognitoOptions().RefreshTokenLifetime, Is.EqualTo(TimeSpan.FromDays(30)), "Cognito's default");
            Assert.That(expired.Message, Is.EqualTo("Refresh Token has expired"));
        });
    }

    [Test]
    public async Task GetUser_ReturnsAttributes_AndRefusesExpiredTokens()
    {
        var access = (await PasswordAuth("alice", Password)).Str("AuthenticationResult", "AccessToken");
        var user = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = access });
        _time.Advance(TimeSpan.FromMinutes(6));
        var expired = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = access });

        AssertShape(user.Body, CognitoServiceModels.Provider, CognitoServiceModels.OutputShape(CognitoServiceModels.Provider, "GetUser"));
        var attributes = user.Body.GetProperty("UserAttributes").EnumerateArray().ToDictionary(a => a.GetProperty("Name").GetString()!, a => a.GetProperty("Value").GetString());
        Assert.That(user.Str("Username"), Is.EqualTo("alice"));
        Assert.That(attributes["sub"], Is.EqualTo(_aliceSub));
        Assert.That(attributes["email"], Is.EqualTo("alice@example.com"));
        AssertError(expired, "GetUser", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(expired.Message, Is.EqualTo("Access Token has expired"));
    }

    [Test]
    public async Task GlobalSignOut_RevokesEarlierAccessTokensAndRefreshTokens()
    {
        var first = (await PasswordAuth("alice", Password)).Body.GetProperty("AuthenticationResult");
        var second = (await PasswordAuth("alice", Password)).Body.GetProperty("AuthenticationResult");

        var signOut = await _wire.PostAsync(Op, "GlobalSignOut", new Dictionary<string, object> { ["AccessToken"] = second.GetProperty("AccessToken").GetString()! });
        var getUser = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = first.GetProperty("AccessToken").GetString()! });
        var refresh = await _wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "REFRESH_TOKEN_AUTH",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["REFRESH_TOKEN"] = first.GetProperty("RefreshToken").GetString()! },
        });
        var after = await PasswordAuth("alice", Password);
        var fresh = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = after.Str("AuthenticationResult", "AccessToken") });

        Assert.That(signOut.Status, Is.EqualTo(HttpStatusCode.OK));
        AssertShape(signOut.Body, CognitoServiceModels.Provider, CognitoServiceModels.OutputShape(CognitoServiceModels.Provider, "GlobalSignOut"));
        AssertError(getUser, "GetUser", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(getUser.Message, Is.EqualTo("Access Token has been revoked"));
        Assert.That(refresh.Message, Is.EqualTo("Refresh Token has been revoked"));
        Assert.That(fresh.Status, Is.EqualTo(HttpStatusCode.OK), "tokens issued after the sign-out work");
    }

    [Test]
    public async Task RevokeToken_RevokesTheRefreshTokenAndItsAccessTokens()
    {
        var tokens = (await PasswordAuth("alice", Password)).Body.GetProperty("AuthenticationResult");
        var other = (await PasswordAuth("alice", Password)).Str("AuthenticationResult", "AccessToken");

        var revoke = await _wire.PostAsync(Op, "RevokeToken", new Dictionary<string, object>
        {
            ["Token"] = tokens.GetProperty("RefreshToken").GetString()!,
            ["ClientId"] = _cognito.DefaultClient.ClientId,
        });
        var getUser = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = tokens.GetProperty("AccessToken").GetString()! });
        var otherUser = await _wire.PostAsync(Op, "GetUser", new Dictionary<string, object> { ["AccessToken"] = other });
        var accessRevoke = await _wire.PostAsync(Op, "RevokeToken", new Dictionary<string, object> { ["Token"] = other, ["ClientId"] = _cognito.DefaultClient.ClientId });

        Assert.That(revoke.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(getUser.Message, Is.EqualTo("Access Token has been revoked"));
        Assert.That(otherUser.Status, Is.EqualTo(HttpStatusCode.OK), "another sign-in's tokens survive");
        Assert.That(CognitoServiceModels.Errors(CognitoServiceModels.Provider, "RevokeToken"), Does.Contain(accessRevoke.Type));
        Assert.That(accessRevoke.Type, Is.EqualTo("UnsupportedTokenTypeException"));
    }

    [Test]
    public async Task RevokeToken_ClientWithSecretWithoutIt_IsUnauthorized()
    {
        var client = _cognito.AddAppClient(withSecret: true);

        var response = await _wire.PostAsync(Op, "RevokeToken", new Dictionary<string, object> { ["Token"] = "whatever", ["ClientId"] = client.ClientId });

        AssertError(response, "RevokeToken", "UnauthorizedException", HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task UnknownOperation_IsUnknownOperationException()
    {
        var response = await _wire.PostAsync(Op, "AdminDeleteUser", new Dictionary<string, object>());

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Type, Is.EqualTo("UnknownOperationException"));
    }

    [Test]
    public void TargetPrefixes_AreTheModels()
    {
        Assert.That(CognitoServiceModels.TargetPrefix(CognitoServiceModels.Provider), Is.EqualTo(CognitoWire.IdentityProvider));
        Assert.That(CognitoServiceModels.TargetPrefix(CognitoServiceModels.Identity), Is.EqualTo(CognitoWire.Identity));
    }

    /// <summary>The client side of SRP, written from amazon-cognito-identity-js's formulas, on the raw wire.</summary>
    private async Task<WireResponse> SrpSignIn(string user, string password)
    {
        var (challenge, answer) = await SrpAnswer(user, password);
        Assert.That(challenge.Status, Is.EqualTo(HttpStatusCode.OK), challenge.Message);
        return await _wire.PostAsync(Op, "RespondToAuthChallenge", answer);
    }

    private async Task<(WireResponse Challenge, Dictionary<string, object> Answer)> SrpAnswer(string user, string password)
    {
        var a = SrpServer.RandomPrivate();
        var clientA = BigInteger.ModPow(SrpServer.G, a, SrpServer.N);
        var challenge = await _wire.PostAsync(Op, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_SRP_AUTH",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = user, ["SRP_A"] = SrpServer.ToHex(clientA) },
        });
        var parameters = challenge.Body.GetProperty("ChallengeParameters");
        Assert.That(challenge.Str("ChallengeName"), Is.EqualTo("PASSWORD_VERIFIER"));
        var userId = parameters.GetProperty("USER_ID_FOR_SRP").GetString()!;
        var serverB = SrpServer.FromHex(parameters.GetProperty("SRP_B").GetString()!);
        var salt = SrpServer.FromHex(parameters.GetProperty("SALT").GetString()!);
        var secretBlock = parameters.GetProperty("SECRET_BLOCK").GetString()!;
        var poolName = _cognito.UserPoolId.Split('_')[1];
        var x = SrpServer.ComputeX(salt, poolName, userId, password);
        var u = SrpServer.ComputeU(clientA, serverB);
        var baseValue = ((serverB - (SrpServer.K * BigInteger.ModPow(SrpServer.G, x, SrpServer.N))) % SrpServer.N + SrpServer.N) % SrpServer.N;
        var s = BigInteger.ModPow(baseValue, a + (u * x), SrpServer.N);
        var key = SrpServer.DeriveKey(s, u);
        var timestamp = _time.GetUtcNow().ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", CultureInfo.GetCultureInfo("en-US"));
        var signature = SrpServer.ComputeSignature(key, poolName, userId, Convert.FromBase64String(secretBlock), timestamp);
        return (challenge, new Dictionary<string, object>
        {
            ["ChallengeName"] = "PASSWORD_VERIFIER",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["ChallengeResponses"] = new Dictionary<string, string>
            {
                ["USERNAME"] = userId,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = secretBlock,
                ["TIMESTAMP"] = timestamp,
                ["PASSWORD_CLAIM_SIGNATURE"] = signature,
            },
        });
    }
}
