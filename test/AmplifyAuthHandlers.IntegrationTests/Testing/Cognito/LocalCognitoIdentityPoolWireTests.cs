using System.Net;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>LocalCognito's identity pool, its fault injection and call record, over raw JSON 1.1.</summary>
[TestFixture]
public sealed class LocalCognitoIdentityPoolWireTests
{
    private const string Password = "Passw0rd!";
    private const string Op = CognitoWire.Identity;

    private FakeTimeProvider _time = null!;
    private LocalCognito _cognito = null!;
    private CognitoWire _wire = null!;
    private string _aliceSub = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 18, 0, 0, TimeSpan.Zero));
        _cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { TimeProvider = _time, CredentialsLifetime = TimeSpan.FromMinutes(15), Region = "eu-west-2" });
        _wire = new CognitoWire(_cognito.CognitoIdentityUrl);
        _aliceSub = _cognito.AddUser("alice", Password);
    }

    [TearDown]
    public async Task TearDown()
    {
        _wire.Dispose();
        await _cognito.DisposeAsync();
    }

    private async Task<string> IdToken(string user = "alice")
    {
        var response = await _wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = user, ["PASSWORD"] = Password },
        });
        return response.Str("AuthenticationResult", "IdToken");
    }

    private Dictionary<string, object> Logins(string idToken) => new() { [_cognito.LoginsKey] = idToken };

    private Task<WireResponse> GetId(Dictionary<string, object>? logins = null)
    {
        var body = new Dictionary<string, object> { ["IdentityPoolId"] = _cognito.IdentityPoolId };
        if (logins is not null)
        {
            body["Logins"] = logins.ToDictionary(p => p.Key, p => (string)p.Value);
        }

        return _wire.PostAsync(Op, "GetId", body);
    }

    private Task<WireResponse> GetCredentials(string identityId, Dictionary<string, object>? logins = null)
    {
        var body = new Dictionary<string, object> { ["IdentityId"] = identityId };
        if (logins is not null)
        {
            body["Logins"] = logins.ToDictionary(p => p.Key, p => (string)p.Value);
        }

        return _wire.PostAsync(Op, "GetCredentialsForIdentity", body);
    }

    private static void AssertError(WireResponse response, string operation, string type, HttpStatusCode status)
    {
        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(status));
            Assert.That(response.Type, Is.EqualTo(type));
            Assert.That(response.ErrorTypeHeader, Is.EqualTo(type));
            Assert.That(response.Message, Is.Not.Empty);
            Assert.That(CognitoServiceModels.Errors(CognitoServiceModels.Identity, operation), Does.Contain(type), $"{operation} does not declare {type}");
        });
    }

    [Test]
    public async Task Guest_GetIdThenCredentials_AreModelShapedAndFindable()
    {
        var id = await GetId();
        var identityId = id.Str("IdentityId");
        var credentials = await GetCredentials(identityId);

        var model = CognitoServiceModels.Identity;
        var wire = credentials.Body.GetProperty("Credentials");
        var found = _cognito.FindCredentials(wire.GetProperty("AccessKeyId").GetString()!);
        Assert.Multiple(() =>
        {
            Assert.That(identityId, Does.Match("^eu-west-2:[0-9a-f-]{36}$"));
            Assert.That(id.Body.EnumerateObject().Select(p => p.Name), Is.SubsetOf(CognitoServiceModels.OutputMembers(model, "GetId")));
            Assert.That(credentials.Body.EnumerateObject().Select(p => p.Name), Is.SubsetOf(CognitoServiceModels.OutputMembers(model, "GetCredentialsForIdentity")));
            Assert.That(wire.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(CognitoServiceModels.Members(model, "Credentials")));
            Assert.That(wire.GetProperty("Expiration").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Number), "a timestamp is epoch seconds in JSON 1.1");
            Assert.That(wire.GetProperty("Expiration").GetInt64(), Is.EqualTo(_time.GetUtcNow().AddMinutes(15).ToUnixTimeSeconds()));
            Assert.That(wire.GetProperty("AccessKeyId").GetString(), Does.Match("^ASIA[A-Z0-9]{16}$"));
            Assert.That(found, Is.Not.Null);
            Assert.That(found!.Principal, Is.EqualTo(identityId));
            Assert.That(found.Role, Is.EqualTo("unauthenticated"));
            Assert.That(found.SecretAccessKey, Is.EqualTo(wire.GetProperty("SecretKey").GetString()));
            Assert.That(found.SessionToken, Is.EqualTo(wire.GetProperty("SessionToken").GetString()));
            Assert.That(found.Expiration, Is.EqualTo(_time.GetUtcNow().AddMinutes(15)));
            Assert.That(found.ToString(), Does.Not.Contain(found.SecretAccessKey));
            Assert.That(_cognito.FindCredentials("ASIANEVERISSUED0000"), Is.Null);
        });
    }

    [Test]
    public async Task Guest_EachGetIdIsANewIdentity()
    {
        var first = (await GetId()).Str("IdentityId");
        var second = (await GetId()).Str("IdentityId");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Guest_WhenUnauthenticatedIdentitiesAreOff_IsNotAuthorized()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { AllowUnauthenticatedIdentities = false });
        using var wire = new CognitoWire(cognito.BaseAddress);

        var response = await wire.PostAsync(Op, "GetId", new Dictionary<string, object> { ["IdentityPoolId"] = cognito.IdentityPoolId });

        AssertError(response, "GetId", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(response.Message, Is.EqualTo("Unauthenticated access is not supported for this identity pool."));
    }

    [Test]
    public async Task Authenticated_SameUserGetsTheSameIdentity_AndAuthenticatedCredentials()
    {
        var first = (await GetId(Logins(await IdToken()))).Str("IdentityId");
        var second = (await GetId(Logins(await IdToken()))).Str("IdentityId");
        var credentials = await GetCredentials(first, Logins(await IdToken()));

        var found = _cognito.FindCredentials(credentials.Str("Credentials", "AccessKeyId"))!;
        Assert.That(second, Is.EqualTo(first));
        Assert.That(found.Principal, Is.EqualTo(first));
        Assert.That(found.Role, Is.EqualTo("authenticated"));
    }

    [Test]
    public async Task Authenticated_IdentityWithoutLogins_IsNotAuthorized()
    {
        var identityId = (await GetId(Logins(await IdToken()))).Str("IdentityId");

        var response = await GetCredentials(identityId);

        AssertError(response, "GetCredentialsForIdentity", "NotAuthorizedException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Authenticated_ExpiredIdToken_IsNotAuthorized()
    {
        var token = await IdToken();
        _time.Advance(TimeSpan.FromHours(2));

        var response = await GetId(Logins(token));

        AssertError(response, "GetId", "NotAuthorizedException", HttpStatusCode.BadRequest);
        Assert.That(response.Message, Does.StartWith("Invalid login token. Token expired"));
    }

    [Test]
    public async Task Authenticated_ForgedOrForeignTokens_AreNotAuthorized()
    {
        var token = await IdToken();
        var parts = token.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + parts[2][..^4] + (parts[2].EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        await using var other = await LocalCognito.StartAsync(new LocalCognitoOptions { Region = "eu-west-2" });
        other.AddUser("alice", Password);
        using var otherWire = new CognitoWire(other.BaseAddress);
        var foreign = (await otherWire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = other.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password },
        })).Str("AuthenticationResult", "IdToken");
        var accessToken = (await _wire.PostAsync(CognitoWire.IdentityProvider, "InitiateAuth", new Dictionary<string, object>
        {
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["ClientId"] = _cognito.DefaultClient.ClientId,
            ["AuthParameters"] = new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password },
        })).Str("AuthenticationResult", "AccessToken");

        var forgedResponse = await GetId(Logins(forged));
        var foreignResponse = await GetId(Logins(foreign));
        var wrongKey = await GetId(new Dictionary<string, object> { [other.LoginsKey] = foreign });
        var accessResponse = await GetId(Logins(accessToken));

        Assert.Multiple(() =>
        {
            Assert.That(forgedResponse.Type, Is.EqualTo("NotAuthorizedException"));
            Assert.That(foreignResponse.Type, Is.EqualTo("NotAuthorizedException"));
            Assert.That(wrongKey.Type, Is.EqualTo("NotAuthorizedException"));
            Assert.That(accessResponse.Type, Is.EqualTo("NotAuthorizedException"), "an access token is not an ID token");
        });
    }

    [Test]
    public async Task GuestIdentity_SigningIn_BecomesTheUsersIdentity()
    {
        var guest = (await GetId()).Str("IdentityId");

        var credentials = await GetCredentials(guest, Logins(await IdToken()));
        var later = (await GetId(Logins(await IdToken()))).Str("IdentityId");

        Assert.That(credentials.Str("IdentityId"), Is.EqualTo(guest));
        Assert.That(later, Is.EqualTo(guest));
        Assert.That(_cognito.FindCredentials(credentials.Str("Credentials", "AccessKeyId"))!.Role, Is.EqualTo("authenticated"));
    }

    [Test]
    public async Task RoleArns_FromOptions_AreTheCredentialsRoles()
    {
        await using var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions
        {
            UnauthenticatedRole = "arn:aws:iam::123456789012:role/guest",
            AuthenticatedRole = "arn:aws:iam::123456789012:role/user",
        });
        using var wire = new CognitoWire(cognito.BaseAddress);
        var identityId = (await wire.PostAsync(Op, "GetId", new Dictionary<string, object> { ["IdentityPoolId"] = cognito.IdentityPoolId })).Str("IdentityId");

        var credentials = await wire.PostAsync(Op, "GetCredentialsForIdentity", new Dictionary<string, object> { ["IdentityId"] = identityId });

        Assert.That(cognito.FindCredentials(credentials.Str("Credentials", "AccessKeyId"))!.Role, Is.EqualTo("arn:aws:iam::123456789012:role/guest"));
    }

    [Test]
    public async Task GetCredentialsForIdentity_UnknownIdentity_IsResourceNotFound()
    {
        var response = await GetCredentials("eu-west-2:00000000-0000-0000-0000-000000000000");

        AssertError(response, "GetCredentialsForIdentity", "ResourceNotFoundException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task GetId_UnknownPool_IsResourceNotFound()
    {
        var response = await _wire.PostAsync(Op, "GetId", new Dictionary<string, object> { ["IdentityPoolId"] = "eu-west-2:00000000-0000-0000-0000-000000000000" });

        AssertError(response, "GetId", "ResourceNotFoundException", HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task GetOpenIdToken_ReturnsATokenForTheIdentity()
    {
        var identityId = (await GetId()).Str("IdentityId");

        var response = await _wire.PostAsync(Op, "GetOpenIdToken", new Dictionary<string, object> { ["IdentityId"] = identityId });

        Assert.That(response.Body.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(CognitoServiceModels.OutputMembers(CognitoServiceModels.Identity, "GetOpenIdToken")));
        Assert.That(response.Str("IdentityId"), Is.EqualTo(identityId));
        Assert.That(response.Str("Token").Split('.'), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task InjectFault_FailsTheNextCallsThenRecovers_AndCallsRecordIt()
    {
        var identityId = (await GetId()).Str("IdentityId");
        _cognito.InjectFault("GetCredentialsForIdentity", count: 2, errorType: "InternalErrorException");
        _cognito.InjectFault("GetId", count: 1, errorType: "TooManyRequestsException");

        var first = await GetCredentials(identityId);
        var second = await GetCredentials(identityId);
        var third = await GetCredentials(identityId);
        var throttled = await GetId();

        AssertError(first, "GetCredentialsForIdentity", "InternalErrorException", HttpStatusCode.InternalServerError);
        AssertError(second, "GetCredentialsForIdentity", "InternalErrorException", HttpStatusCode.InternalServerError);
        Assert.That(third.Status, Is.EqualTo(HttpStatusCode.OK));
        AssertError(throttled, "GetId", "TooManyRequestsException", HttpStatusCode.BadRequest);
        Assert.That(
            _cognito.Calls.Select(c => (c.Operation, c.StatusCode, c.ErrorType)),
            Is.EqualTo(new[]
            {
                ("GetId", 200, (string?)null),
                ("GetCredentialsForIdentity", 500, "InternalErrorException"),
                ("GetCredentialsForIdentity", 500, "InternalErrorException"),
                ("GetCredentialsForIdentity", 200, null),
                ("GetId", 400, "TooManyRequestsException"),
            }));
    }

    [Test]
    public async Task InjectFault_StatusOnlyAndDelay_AreHonoured()
    {
        _cognito.InjectFault("GetId", errorType: null, status: 503);
        _cognito.InjectFault("GetId", errorType: null, delay: TimeSpan.FromSeconds(30));

        var unavailable = await GetId();
        var delayed = GetId();
        await Task.Delay(50);
        var doneEarly = delayed.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(30));
        var late = await delayed;

        Assert.That(unavailable.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(unavailable.Type, Is.EqualTo("InternalErrorException"));
        Assert.That(doneEarly, Is.False, "the delay runs on the options' TimeProvider");
        Assert.That(late.Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Calls_RecordTheAuthFlowWithoutSecrets()
    {
        await IdToken();

        var call = _cognito.Calls.Single();
        Assert.That(call, Is.EqualTo(new LocalCognitoCall("InitiateAuth", 200, null, "USER_PASSWORD_AUTH")));
        Assert.That(call.ToString(), Does.Not.Contain(Password));
        Assert.That(_aliceSub, Is.Not.Empty);
    }
}
