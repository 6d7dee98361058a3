using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoIdentityProviderClientTests
{
    private const string ClientId = "3n4b5urk1ft4fl3mg5e62d9ado";
    private const string Password = "hunter2-P@ss";
    private const string RefreshToken = "refresh-token-value";

    private CognitoStub _stub = null!;
    private FakeLogger _logger = null!;
    private InstantDelayTimeProvider _time = null!;
    private CognitoIdentityProviderClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new CognitoStub();
        _logger = new FakeLogger();
        _time = new InstantDelayTimeProvider();
        _client = new CognitoIdentityProviderClient(_stub.CreateClient(), CognitoStub.ServiceUri, _logger, _time);
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    [Test]
    public async Task InitiateAuthAsync_UserPasswordAuth_PostsFlowClientAndParameters()
    {
        _stub.Respond(
            HttpStatusCode.OK,
            """{"AuthenticationResult":{"AccessToken":"access","ExpiresIn":3600,"IdToken":"id","RefreshToken":"refresh","TokenType":"Bearer"},"ChallengeParameters":{}}""");

        var response = await _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, ClientId, new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password }),
            CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityProviderService.InitiateAuth"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(request.HasAuthorization, Is.False);
            Assert.That(
                request.RawBody,
                Is.EqualTo($$$"""{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"{{{ClientId}}}","AuthParameters":{"USERNAME":"alice","PASSWORD":"{{{Password}}}"}}"""));
            var result = response.AuthenticationResult!;
            Assert.That(result.AccessToken, Is.EqualTo("access"));
            Assert.That(result.IdToken, Is.EqualTo("id"));
            Assert.That(result.RefreshToken, Is.EqualTo("refresh"));
            Assert.That(result.ExpiresIn, Is.EqualTo(3600));
            Assert.That(result.TokenType, Is.EqualTo("Bearer"));
            Assert.That(response.ChallengeName, Is.Null);
        });
        _stub.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task InitiateAuthAsync_FullBotocoreShape_ReadsKnownMembersAndIgnoresTheRest()
    {
        _stub.Respond(
            HttpStatusCode.OK,
            """
            {
              "ChallengeName": "SELECT_CHALLENGE",
              "Session": "s-1",
              "ChallengeParameters": {"USERNAME": "alice"},
              "AvailableChallenges": ["PASSWORD_SRP", "EMAIL_OTP"],
              "AuthenticationResult": {
                "AccessToken": "a", "ExpiresIn": 300, "TokenType": "Bearer", "RefreshToken": "r", "IdToken": "i",
                "NewDeviceMetadata": {"DeviceKey": "dk", "DeviceGroupKey": "dgk"}
              }
            }
            """);

        var response = await _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(response.ChallengeName, Is.EqualTo("SELECT_CHALLENGE"));
            Assert.That(response.Session, Is.EqualTo("s-1"));
            Assert.That(response.ChallengeParameters, Is.EquivalentTo(new Dictionary<string, string> { ["USERNAME"] = "alice" }));
            Assert.That(response.AuthenticationResult!.ExpiresIn, Is.EqualTo(300));
            Assert.That(response.AuthenticationResult.IdToken, Is.EqualTo("i"));
        });
    }

    [Test]
    public async Task InitiateAuthAsync_ClientMetadata_IsSent()
    {
        _stub.Respond(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a"}}""");

        await _client.InitiateAuthAsync(
            new InitiateAuthRequest(
                CognitoAuthFlow.UserPasswordAuth,
                ClientId,
                new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password },
                new Dictionary<string, string> { ["source"] = "cli" }),
            CancellationToken.None);

        Assert.That((string?)_stub.Requests.Single().Body["ClientMetadata"]!["source"], Is.EqualTo("cli"));
    }

    [Test]
    public async Task InitiateAuthAsync_NoExpiresIn_LeavesExpiresInNull()
    {
        _stub.Respond(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r","TokenType":"Bearer"}}""");

        var response = await _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None);

        Assert.That(response.AuthenticationResult!.ExpiresIn, Is.Null);
    }

    [Test]
    public async Task InitiateAuthAsync_RefreshTokenAuth_PostsRefreshTokenAndReadsResultWithoutNewRefreshToken()
    {
        _stub.Respond(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a2","ExpiresIn":3600,"IdToken":"i2","TokenType":"Bearer"},"ChallengeParameters":{}}""");

        var response = await _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.RefreshTokenAuth, ClientId, new Dictionary<string, string> { ["REFRESH_TOKEN"] = RefreshToken, ["SECRET_HASH"] = "hash" }),
            CancellationToken.None);

        var body = _stub.Requests.Single().Body;
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["AuthFlow"], Is.EqualTo("REFRESH_TOKEN_AUTH"));
            Assert.That((string?)body["AuthParameters"]!["REFRESH_TOKEN"], Is.EqualTo(RefreshToken));
            Assert.That((string?)body["AuthParameters"]!["SECRET_HASH"], Is.EqualTo("hash"));
            Assert.That(response.AuthenticationResult!.AccessToken, Is.EqualTo("a2"));
            Assert.That(response.AuthenticationResult.RefreshToken, Is.Null);
        });
    }

    [Test]
    public async Task InitiateAuthAsync_UserSrpAuth_ReturnsPasswordVerifierChallenge()
    {
        _stub.Respond(
            HttpStatusCode.OK,
            """{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"abc","SECRET_BLOCK":"AQID","SRP_B":"ff","USERNAME":"u-1","USER_ID_FOR_SRP":"u-1"}}""");

        var response = await _client.InitiateAuthAsync(
            new InitiateAuthRequest(CognitoAuthFlow.UserSrpAuth, ClientId, new Dictionary<string, string> { ["USERNAME"] = "alice", ["SRP_A"] = "abcdef" }),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That((string?)_stub.Requests.Single().Body["AuthParameters"]!["SRP_A"], Is.EqualTo("abcdef"));
            Assert.That(response.ChallengeName, Is.EqualTo(CognitoChallengeName.PasswordVerifier));
            Assert.That(response.Session, Is.Null);
            Assert.That(response.AuthenticationResult, Is.Null);
            Assert.That(response.ChallengeParameters!["SRP_B"], Is.EqualTo("ff"));
            Assert.That(response.ChallengeParameters["USER_ID_FOR_SRP"], Is.EqualTo("u-1"));
        });
    }

    [Test]
    public void InitiateAuthAsync_NeitherTokensNorChallenge_ThrowsInvalidResponse()
    {
        _stub.Respond(HttpStatusCode.OK, """{"ChallengeParameters":{}}""");

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("null")]
    [TestCase("""{"AuthenticationResult":"oops"}""")]
    public void InitiateAuthAsync_UnreadableSuccessBody_ThrowsInvalidResponseWithStatus(string body)
    {
        _stub.Respond(HttpStatusCode.OK, body);

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exception.InnerException, Is.Null);
        });
    }

    [Test]
    public async Task RespondToAuthChallengeAsync_PasswordVerifier_PostsChallengeSessionAndResponses()
    {
        _stub.Respond(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer"},"ChallengeParameters":{}}""");

        var response = await _client.RespondToAuthChallengeAsync(
            new RespondToAuthChallengeRequest(
                ClientId,
                CognitoChallengeName.PasswordVerifier,
                "session-1",
                new Dictionary<string, string> { ["USERNAME"] = "u-1", ["PASSWORD_CLAIM_SIGNATURE"] = "sig", ["TIMESTAMP"] = "Tue Mar 5 07:08:09 UTC 2024" }),
            CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityProviderService.RespondToAuthChallenge"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(
                request.RawBody,
                Is.EqualTo($$$"""{"ClientId":"{{{ClientId}}}","ChallengeName":"PASSWORD_VERIFIER","Session":"session-1","ChallengeResponses":{"USERNAME":"u-1","PASSWORD_CLAIM_SIGNATURE":"sig","TIMESTAMP":"Tue Mar 5 07:08:09 UTC 2024"}}"""));
            Assert.That(response.AuthenticationResult!.RefreshToken, Is.EqualTo("r"));
        });
    }

    [Test]
    public async Task RespondToAuthChallengeAsync_NoSession_OmitsSession()
    {
        _stub.Respond(HttpStatusCode.OK, """{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"next-session","ChallengeParameters":{}}""");

        var response = await _client.RespondToAuthChallengeAsync(
            new RespondToAuthChallengeRequest(ClientId, CognitoChallengeName.PasswordVerifier, null, new Dictionary<string, string> { ["USERNAME"] = "u" }),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_stub.Requests.Single().Body.ContainsKey("Session"), Is.False);
            Assert.That(response.ChallengeName, Is.EqualTo("SOFTWARE_TOKEN_MFA"));
            Assert.That(response.Session, Is.EqualTo("next-session"));
        });
    }

    [Test]
    public async Task RevokeTokenAsync_PublicClient_PostsTokenAndClientOnly()
    {
        _stub.Respond(HttpStatusCode.OK, "{}");

        await _client.RevokeTokenAsync(RefreshToken, ClientId, null, CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityProviderService.RevokeToken"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(request.RawBody, Is.EqualTo($$"""{"Token":"{{RefreshToken}}","ClientId":"{{ClientId}}"}"""));
        });
    }

    [Test]
    public async Task RevokeTokenAsync_ConfidentialClient_PostsClientSecret()
    {
        _stub.Respond(HttpStatusCode.OK, string.Empty);

        await _client.RevokeTokenAsync(RefreshToken, ClientId, "client-secret", CancellationToken.None);

        Assert.That((string?)_stub.Requests.Single().Body["ClientSecret"], Is.EqualTo("client-secret"));
    }

    [Test]
    public void RevokeTokenAsync_Unauthorized_ThrowsBaseExceptionWithCode()
    {
        _stub.Respond(HttpStatusCode.BadRequest, """{"__type":"UnauthorizedException","message":"Client is not authorized to revoke."}""");

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.RevokeTokenAsync(RefreshToken, ClientId, "client-secret", CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.GetType(), Is.EqualTo(typeof(CognitoServiceException)));
            Assert.That(exception.ErrorCode, Is.EqualTo("UnauthorizedException"));
            Assert.That(exception.Message, Does.Contain("RevokeToken").And.Not.Contain("client-secret").And.Not.Contain(RefreshToken));
        });
    }

    [Test]
    public async Task GlobalSignOutAsync_AccessToken_PostsAccessToken()
    {
        _stub.Respond(HttpStatusCode.OK, "{}");

        await _client.GlobalSignOutAsync("access-token", CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityProviderService.GlobalSignOut"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(request.RawBody, Is.EqualTo("""{"AccessToken":"access-token"}"""));
        });
    }

    [TestCase(CognitoErrorCodes.NotAuthorized)]
    [TestCase(CognitoErrorCodes.UserNotFound)]
    [TestCase(CognitoErrorCodes.PasswordResetRequired)]
    [TestCase(CognitoErrorCodes.UserNotConfirmed)]
    [TestCase(CognitoErrorCodes.TooManyRequests)]
    [TestCase(CognitoErrorCodes.ResourceNotFound)]
    [TestCase(CognitoErrorCodes.InvalidParameter)]
    [TestCase(CognitoErrorCodes.InternalError)]
    [TestCase(CognitoErrorCodes.CodeMismatch)]
    [TestCase("TooManyFailedAttemptsException")]
    public void InitiateAuthAsync_ErrorCode_SurfacesAsTheErrorCode(string code)
    {
        // Throttling codes are retried (AWS standard mode): the same answer each time, so the last one surfaces.
        for (var i = 0; i < (code == CognitoErrorCodes.TooManyRequests ? AwsStandardRetry.MaxAttempts : 1); i++)
        {
            _stub.Respond(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"Cognito says no."}""");
        }

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo(code));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exception.Message, Does.StartWith($"Cognito InitiateAuth failed with {code} (HTTP 400): Cognito says no."));
            Assert.That(exception.Message, Does.Not.Contain(Password));
        });
    }

    [TestCase(HttpStatusCode.BadRequest, """{"__type":"com.amazonaws.cognito.identity.idp.model#NotAuthorizedException","message":"Incorrect username or password."}""", null)]
    [TestCase(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException:http://internal.amazon.com/coral/","Message":"Incorrect username or password."}""", null)]
    [TestCase(HttpStatusCode.BadRequest, """{"message":"Incorrect username or password."}""", "NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.idp.model/")]
    [TestCase(HttpStatusCode.BadRequest, """{"__type":"InvalidParameterException","message":"Incorrect username or password."}""", "NotAuthorizedException")]
    [TestCase(HttpStatusCode.BadRequest, """{"code":"NotAuthorizedException","message":"Incorrect username or password."}""", null)]
    public void InitiateAuthAsync_ErrorForms_AllReadAsNotAuthorized(HttpStatusCode status, string body, string? header)
    {
        _stub.Respond(status, body, header);

        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("Incorrect username or password."));
    }

    [TestCase(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", "text/html")]
    [TestCase(HttpStatusCode.InternalServerError, "", "application/x-amz-json-1.1")]
    [TestCase(HttpStatusCode.BadRequest, "{\"__type\":\"NotAuth", "application/x-amz-json-1.1")]
    [TestCase(HttpStatusCode.BadRequest, "[\"NotAuthorizedException\"]", "application/json")]
    [TestCase(HttpStatusCode.BadRequest, "null", "application/json")]
    [TestCase(HttpStatusCode.BadRequest, "{\"__type\":42,\"message\":{\"nested\":true}}", "application/json")]
    [TestCase(HttpStatusCode.BadRequest, "{\"__type\":\"<script>alert(1)</script>\"}", "application/json")]
    [TestCase(HttpStatusCode.Forbidden, "\u0000\u0001garbage\uFFFF", "application/octet-stream")]
    public void InitiateAuthAsync_GarbledErrorBody_ThrowsBaseExceptionWithStatus(HttpStatusCode status, string body, string mediaType)
    {
        for (var i = 0; i < (AwsStandardRetry.IsTransientStatus(status) ? AwsStandardRetry.MaxAttempts : 1); i++)
        {
            _stub.Respond(status, body, mediaType: mediaType);
        }

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.GetType(), Is.EqualTo(typeof(CognitoServiceException)));
            Assert.That(exception.ErrorCode, Is.EqualTo(CognitoErrorCodes.Unknown));
            Assert.That(exception.StatusCode, Is.EqualTo(status));
            Assert.That(exception.Message, Does.Contain($"HTTP {(int)status}").And.Contain("InitiateAuth"));
            Assert.That(exception.Message, Does.Not.Contain("script"));
        });
    }

    [Test]
    public async Task InitiateAuthAsync_ServerErrorThenThrottlingThenSuccess_RetriesWithBackoff()
    {
        _stub.Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalErrorException","message":"oops"}""");
        _stub.Respond(HttpStatusCode.BadRequest, """{"__type":"TooManyRequestsException","message":"slow down"}""");
        _stub.Respond(
            HttpStatusCode.OK,
            """{"AuthenticationResult":{"AccessToken":"access","ExpiresIn":3600,"IdToken":"id","RefreshToken":"refresh","TokenType":"Bearer"},"ChallengeParameters":{}}""");

        var response = await _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None);

        Assert.That(response.AuthenticationResult!.AccessToken, Is.EqualTo("access"));
        Assert.That(_stub.Requests, Has.Count.EqualTo(3));
        Assert.That(_stub.Requests.Select(r => r.RawBody).Distinct().Count(), Is.EqualTo(1), "the same request each time");
        var delays = _time.Delays.ToArray();
        Assert.That(delays, Has.Length.EqualTo(2));
        Assert.That(delays[0], Is.LessThanOrEqualTo(AwsStandardRetry.BaseDelay), "full jitter below the 100 ms base after a 500");
        Assert.That(delays[1], Is.LessThanOrEqualTo(AwsStandardRetry.ThrottledBaseDelay * 2), "the throttled base after throttling");
        Assert.That(_logger.Collector.GetSnapshot().Count(r => r.Id.Id == 4110), Is.EqualTo(2));
        _stub.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void InitiateAuthAsync_ServerErrorEveryTime_GivesUpAfterThreeAttemptsWithTheTypedException()
    {
        for (var i = 0; i < AwsStandardRetry.MaxAttempts; i++)
        {
            _stub.Respond(HttpStatusCode.InternalServerError, """{"__type":"InternalErrorException","message":"oops"}""");
        }

        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.InternalError, () => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(_stub.Requests, Has.Count.EqualTo(AwsStandardRetry.MaxAttempts));
    }

    [TestCase(CognitoErrorCodes.NotAuthorized)]
    [TestCase(CognitoErrorCodes.LimitExceeded)]
    [TestCase(CognitoErrorCodes.InvalidParameter)]
    public void InitiateAuthAsync_ClientError_NotRetried(string code)
    {
        _stub.Respond(HttpStatusCode.BadRequest, $$"""{"__type":"{{code}}","message":"no"}""");

        CognitoAssert.ThrowsAsync(code, () => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.That(_stub.Requests, Has.Count.EqualTo(1));
        Assert.That(_time.Delays, Is.Empty);
    }

    [Test]
    public void InitiateAuthAsync_GarbledBodyWithHeader_UsesHeaderCode()
    {
        for (var i = 0; i < AwsStandardRetry.MaxAttempts; i++)
        {
            _stub.Respond(HttpStatusCode.TooManyRequests, "<html>slow down</html>", "TooManyRequestsException", "text/html");
        }

        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.TooManyRequests, () => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public void InitiateAuthAsync_Failure_LogsOperationStatusAndCodeButNoSecret()
    {
        _stub.Respond(HttpStatusCode.BadRequest, """{"__type":"NotAuthorizedException","message":"Incorrect username or password."}""");

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None));

        var record = _logger.Collector.GetSnapshot().Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(record.Message, Is.EqualTo("Cognito InitiateAuth failed with HTTP 400 and error code NotAuthorizedException"));
            Assert.That(record.Message, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task InitiateAuthAsync_Success_LogsOperationAndStatusOnly()
    {
        _stub.Respond(HttpStatusCode.OK, """{"AuthenticationResult":{"AccessToken":"access-secret"}}""");

        await _client.InitiateAuthAsync(PasswordRequest(), CancellationToken.None);

        var record = _logger.Collector.GetSnapshot().Single();
        Assert.That(record.Message, Is.EqualTo("Cognito InitiateAuth succeeded with HTTP 200"));
    }

    [Test]
    public void InitiateAuthAsync_CanceledWhileWaiting_ThrowsOperationCanceled()
    {
        using var handler = new CancellationAwareHandler();
        using var httpClient = new HttpClient(handler);
        var client = new CognitoIdentityProviderClient(httpClient, CognitoStub.ServiceUri);
        using var cancellation = new CancellationTokenSource();

        var call = client.InitiateAuthAsync(PasswordRequest(), cancellation.Token);
        handler.Started.GetAwaiter().GetResult();
        cancellation.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void InitiateAuthAsync_MissingClientId_ThrowsArgumentException() =>
        Assert.That(
            () => _client.InitiateAuthAsync(new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, string.Empty, new Dictionary<string, string>()), CancellationToken.None),
            Throws.ArgumentException);

    [Test]
    public void GetDefaultServiceUri_Region_IsCognitoIdpHost() =>
        Assert.That(CognitoIdentityProviderClient.GetDefaultServiceUri("ap-southeast-2"), Is.EqualTo(new Uri("https://cognito-idp.ap-southeast-2.amazonaws.com/")));

    private static InitiateAuthRequest PasswordRequest() =>
        new(CognitoAuthFlow.UserPasswordAuth, ClientId, new Dictionary<string, string> { ["USERNAME"] = "alice", ["PASSWORD"] = Password });
}
