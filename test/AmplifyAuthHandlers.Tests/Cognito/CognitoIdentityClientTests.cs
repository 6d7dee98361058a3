using System.Net;

namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoIdentityClientTests
{
    private const string PoolId = "us-east-1:11111111-2222-3333-4444-555555555555";
    private const string IdentityId = "us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string LoginProvider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123";
    private const string IdToken = "eyJ.id-token-value.sig";

    private static readonly Dictionary<string, string> Logins = new() { [LoginProvider] = IdToken };

    private CognitoStub _stub = null!;
    private CognitoIdentityClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new CognitoStub();
        _client = new CognitoIdentityClient(_stub.CreateClient(), CognitoStub.ServiceUri);
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    [Test]
    public async Task GetIdAsync_WithLogins_PostsJson11RequestWithPoolAndLogins()
    {
        _stub.Respond(HttpStatusCode.OK, $$"""{"IdentityId":"{{IdentityId}}"}""");

        var identityId = await _client.GetIdAsync(PoolId, Logins, CancellationToken.None);

        Assert.That(identityId, Is.EqualTo(IdentityId));
        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.Uri, Is.EqualTo(CognitoStub.ServiceUri));
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityService.GetId"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That(request.HasAuthorization, Is.False);
            Assert.That(request.Body.Count, Is.EqualTo(2));
            Assert.That((string?)request.Body["IdentityPoolId"], Is.EqualTo(PoolId));
            Assert.That((string?)request.Body["Logins"]![LoginProvider], Is.EqualTo(IdToken));
        });
        _stub.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetIdAsync_WithoutLogins_OmitsLogins()
    {
        _stub.Respond(HttpStatusCode.OK, $$"""{"IdentityId":"{{IdentityId}}"}""");

        await _client.GetIdAsync(PoolId, null, CancellationToken.None);

        Assert.That(_stub.Requests.Single().RawBody, Is.EqualTo($$"""{"IdentityPoolId":"{{PoolId}}"}"""));
    }

    [Test]
    public async Task GetIdAsync_EmptyLogins_OmitsLogins()
    {
        _stub.Respond(HttpStatusCode.OK, $$"""{"IdentityId":"{{IdentityId}}"}""");

        await _client.GetIdAsync(PoolId, new Dictionary<string, string>(), CancellationToken.None);

        Assert.That(_stub.Requests.Single().Body.ContainsKey("Logins"), Is.False);
    }

    [Test]
    public void GetIdAsync_ResponseWithoutIdentityId_ThrowsInvalidResponse()
    {
        _stub.Respond(HttpStatusCode.OK, "{}");

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.GetIdAsync(PoolId, null, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
        Assert.That(exception.Message, Does.Contain("GetId").And.Contain("IdentityId"));
    }

    [Test]
    public void GetIdAsync_NotAuthorized_ThrowsTypedExceptionWithoutTheToken()
    {
        _stub.Respond(
            HttpStatusCode.BadRequest,
            """{"__type":"NotAuthorizedException","message":"Unauthenticated access is not supported for this identity pool."}""");

        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => _client.GetIdAsync(PoolId, Logins, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.ErrorCode, Is.EqualTo("NotAuthorizedException"));
            Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exception.Message, Does.Contain("GetId").And.Contain("Unauthenticated access is not supported"));
            Assert.That(exception.Message, Does.Not.Contain(IdToken));
        });
    }

    [Test]
    public async Task GetCredentialsForIdentityAsync_Success_PostsIdentityAndLoginsAndReturnsCredentials()
    {
        _stub.Respond(
            HttpStatusCode.OK,
            $$$"""{"IdentityId":"{{{IdentityId}}}","Credentials":{"AccessKeyId":"ASIAEXAMPLE","SecretKey":"secret/key","SessionToken":"session-token","Expiration":1700000000}}""");

        var result = await _client.GetCredentialsForIdentityAsync(IdentityId, Logins, CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityService.GetCredentialsForIdentity"));
            Assert.That(request.ContentType, Is.EqualTo("application/x-amz-json-1.1"));
            Assert.That((string?)request.Body["IdentityId"], Is.EqualTo(IdentityId));
            Assert.That((string?)request.Body["Logins"]![LoginProvider], Is.EqualTo(IdToken));
            Assert.That(request.Body.Count, Is.EqualTo(2));
            Assert.That(result.IdentityId, Is.EqualTo(IdentityId));
            Assert.That(result.Credentials.AccessKeyId, Is.EqualTo("ASIAEXAMPLE"));
            Assert.That(result.Credentials.SecretAccessKey, Is.EqualTo("secret/key"));
            Assert.That(result.Credentials.SessionToken, Is.EqualTo("session-token"));
            Assert.That(result.Credentials.Expiration, Is.EqualTo(new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero)));
        });
    }

    [TestCase("1700000000.123", 123)]
    [TestCase("1.7E9", 0)]
    [TestCase("1.7e9", 0)]
    [TestCase("1700000000.9999", 1000)]
    [TestCase("\"1700000000.5\"", 500)]
    public async Task GetCredentialsForIdentityAsync_ExpirationForms_AreEpochSeconds(string expiration, int expectedMilliseconds)
    {
        _stub.Respond(
            HttpStatusCode.OK,
            $$$"""{"IdentityId":"{{{IdentityId}}}","Credentials":{"AccessKeyId":"AKID","SecretKey":"s","SessionToken":"t","Expiration":{{{expiration}}}}}""");

        var result = await _client.GetCredentialsForIdentityAsync(IdentityId, null, CancellationToken.None);

        var expected = new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero).AddMilliseconds(expectedMilliseconds);
        Assert.That(result.Credentials.Expiration, Is.EqualTo(expected));
    }

    [Test]
    public async Task GetCredentialsForIdentityAsync_NoExpiration_LeavesExpirationNull()
    {
        _stub.Respond(HttpStatusCode.OK, """{"Credentials":{"AccessKeyId":"AKID","SecretKey":"s"}}""");

        var result = await _client.GetCredentialsForIdentityAsync(IdentityId, null, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Credentials.Expiration, Is.Null);
            Assert.That(result.Credentials.SessionToken, Is.Null);
            Assert.That(result.IdentityId, Is.EqualTo(IdentityId), "falls back to the requested identity");
            Assert.That(_stub.Requests.Single().Body.ContainsKey("Logins"), Is.False);
        });
    }

    [TestCase("{}", "Credentials")]
    [TestCase("""{"Credentials":{"SecretKey":"s"}}""", "AccessKeyId")]
    [TestCase("""{"Credentials":{"AccessKeyId":"AKID"}}""", "SecretKey")]
    [TestCase("""{"Credentials":{"AccessKeyId":"AKID","SecretKey":"s","Expiration":1e300}}""", "Expiration")]
    public void GetCredentialsForIdentityAsync_IncompleteCredentials_ThrowsInvalidResponse(string body, string missing)
    {
        _stub.Respond(HttpStatusCode.OK, body);

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.GetCredentialsForIdentityAsync(IdentityId, null, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
        Assert.That(exception.Message, Does.Contain(missing));
    }

    [Test]
    public void GetCredentialsForIdentityAsync_ExpirationNotANumber_ThrowsInvalidResponse()
    {
        _stub.Respond(HttpStatusCode.OK, """{"Credentials":{"AccessKeyId":"AKID","SecretKey":"s","Expiration":"tomorrow"}}""");

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.GetCredentialsForIdentityAsync(IdentityId, null, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
        Assert.That(exception.InnerException, Is.Null);
    }

    [Test]
    public void GetCredentialsForIdentityAsync_ResultToString_RedactsSecrets()
    {
        _stub.Respond(HttpStatusCode.OK, """{"Credentials":{"AccessKeyId":"AKID","SecretKey":"the-secret","SessionToken":"the-session"}}""");

        var result = _client.GetCredentialsForIdentityAsync(IdentityId, null, CancellationToken.None).GetAwaiter().GetResult();

        Assert.That(result.ToString(), Does.Contain("AKID").And.Not.Contain("the-secret").And.Not.Contain("the-session"));
    }

    [Test]
    public async Task GetOpenIdTokenAsync_Success_PostsIdentityAndReturnsToken()
    {
        _stub.Respond(HttpStatusCode.OK, $$"""{"IdentityId":"{{IdentityId}}","Token":"oidc-token"}""");

        var result = await _client.GetOpenIdTokenAsync(IdentityId, Logins, CancellationToken.None);

        var request = _stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Target, Is.EqualTo("AWSCognitoIdentityService.GetOpenIdToken"));
            Assert.That((string?)request.Body["IdentityId"], Is.EqualTo(IdentityId));
            Assert.That((string?)request.Body["Logins"]![LoginProvider], Is.EqualTo(IdToken));
            Assert.That(result.IdentityId, Is.EqualTo(IdentityId));
            Assert.That(result.Token, Is.EqualTo("oidc-token"));
            Assert.That(result.ToString(), Does.Not.Contain("oidc-token"));
        });
    }

    [Test]
    public void GetOpenIdTokenAsync_NoToken_ThrowsInvalidResponse()
    {
        _stub.Respond(HttpStatusCode.OK, $$"""{"IdentityId":"{{IdentityId}}"}""");

        var exception = Assert.ThrowsAsync<CognitoServiceException>(() => _client.GetOpenIdTokenAsync(IdentityId, null, CancellationToken.None));

        Assert.That(exception!.ErrorCode, Is.EqualTo(CognitoErrorCodes.InvalidResponse));
    }

    [Test]
    public void GetIdAsync_ResourceNotFoundInHeaderOnly_ThrowsTypedException()
    {
        _stub.Respond(HttpStatusCode.BadRequest, string.Empty, errorTypeHeader: "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.cognito.identity.model/");

        var exception = CognitoAssert.ThrowsAsync(CognitoErrorCodes.ResourceNotFound, () => _client.GetIdAsync(PoolId, null, CancellationToken.None));

        Assert.That(exception!.Message, Does.Contain("ResourceNotFoundException").And.Contain("HTTP 400").And.Contain("region"));
    }

    [Test]
    public void GetIdAsync_CanceledWhileWaiting_ThrowsOperationCanceled()
    {
        using var handler = new CancellationAwareHandler();
        using var httpClient = new HttpClient(handler);
        var client = new CognitoIdentityClient(httpClient, CognitoStub.ServiceUri);
        using var cancellation = new CancellationTokenSource();

        var call = client.GetIdAsync(PoolId, null, cancellation.Token);
        handler.Started.GetAwaiter().GetResult();
        cancellation.Cancel();

        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void GetIdAsync_AlreadyCanceled_ThrowsOperationCanceledWithoutSending()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.That(async () => await _client.GetIdAsync(PoolId, null, cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_stub.Requests, Is.Empty);
    }

    [Test]
    public void Constructor_RelativeUri_Throws() =>
        Assert.That(() => new CognitoIdentityClient(new HttpClient(), new Uri("/relative", UriKind.Relative)), Throws.ArgumentException);

    [Test]
    public void GetDefaultServiceUri_Region_IsCognitoIdentityHost() =>
        Assert.That(CognitoIdentityClient.GetDefaultServiceUri("eu-west-2"), Is.EqualTo(new Uri("https://cognito-identity.eu-west-2.amazonaws.com/")));
}
