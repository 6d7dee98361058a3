using System.Net;
using System.Text;
using AmplifyAuthHandlers.Tests.Auth;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

[TestFixture]
public sealed class TokenHandlerTests
{
    private const string EndpointUri = "https://api.example.com/dev";
    private const string ItemsUri = "https://api.example.com/dev/items";

    private static readonly UserPoolTokens FirstTokens = new("access-token-1", "id-token-1", "refresh-token-1");
    private static readonly UserPoolTokens SecondTokens = new("access-token-2", "id-token-2", "refresh-token-1");

    private MockHttpMessageHandler _mockHttp = null!;
    private FakeUserPoolTokenSource _session = null!;

    [SetUp]
    public void SetUp()
    {
        _mockHttp = new MockHttpMessageHandler();
        _mockHttp.Fallback.Throw(new InvalidOperationException("No request was expected here."));
        _session = new FakeUserPoolTokenSource { Current = FirstTokens, Refreshed = SecondTokens };
    }

    [TearDown]
    public void TearDown() => _mockHttp.Dispose();

    [Test]
    public async Task SendAsync_UserPoolEndpoint_SendsRawAccessToken()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_IdTokenWithBearerPrefix_SendsBearerIdToken()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "Bearer id-token-1").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool(endpoint =>
        {
            endpoint.TokenType = AmplifyUserPoolTokenType.Id;
            endpoint.BearerPrefix = true;
        });

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("Access", false, "access-token-1")]
    [TestCase("id", true, "Bearer id-token-1")]
    [TestCase("ID", false, "id-token-1")]
    [TestCase("IdToken", false, "id-token-1")]
    public async Task SendAsync_TokenOptionsFromConfiguration_SendsConfiguredToken(string tokenType, bool bearer, string expected)
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == expected).Respond(HttpStatusCode.OK);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = EndpointUri,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "AMAZON_COGNITO_USER_POOLS",
            ["Amplify:Endpoints:orders:TokenType"] = tokenType,
            ["Amplify:Endpoints:orders:BearerPrefix"] = bearer ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IUserPoolTokenSource>(_session);
        services.AddAmplifyRestApi(configuration.GetSection("Amplify")).Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("TokenType", "Refresh", "unknown token type 'Refresh' at configuration key 'Amplify:Endpoints:orders:TokenType'")]
    [TestCase("TokenType", "1", "unknown token type '1'")]
    [TestCase("TokenType", "Access,Id", "unknown token type 'Access,Id'")]
    [TestCase("BearerPrefix", "yes", "'yes' at configuration key 'Amplify:Endpoints:orders:BearerPrefix' is not true or false")]
    public void CreateClient_BadTokenOptionInConfiguration_FailsNamingTheKey(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = EndpointUri,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "AMAZON_COGNITO_USER_POOLS",
            [$"Amplify:Endpoints:orders:{key}"] = value,
        }).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders"));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void CreateClient_TokenTypeOutOfRange_FailsValidation()
    {
        using var provider = BuildUserPool(endpoint => endpoint.TokenType = (AmplifyUserPoolTokenType)7);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders': unknown user-pool token type 7"));
    }

    [Test]
    public void SendAsync_NoSessionRegistered_ThrowsNotSignedInBeforeSending()
    {
        using var provider = BuildUserPool(registerSession: false);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'orders' (AMAZON_COGNITO_USER_POOLS)").And.Contain("not sent").And.Contain("AddAmplifyCallerTokenForwarding"));
        Assert.That(ex, Is.InstanceOf<AmplifyAuthException>());
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_SignedOutSession_ThrowsNotSignedInBeforeSending()
    {
        _session.Current = null;
        using var provider = BuildUserPool();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.PostAsync(new Uri("items", UriKind.Relative), new StringContent("{}")));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false }));
    }

    [Test]
    public async Task SendAsync_Unauthorized_RefreshesOnceAndRetriesWithNewToken()
    {
        _mockHttp.Expect(HttpMethod.Post, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(_ => AuthorizerRejection());
        _mockHttp.Expect(HttpMethod.Post, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").WithContent("{\"n\":1}").Respond(HttpStatusCode.Created);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders")
            .PostAsync(new Uri("items", UriKind.Relative), new StringContent("{\"n\":1}", Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false, true }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_UnauthorizedAfterRefresh_ReturnsSecond401WithoutThirdAttempt()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").Respond(HttpStatusCode.Unauthorized, "text/plain", "second");
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("second"));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false, true }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_UnauthorizedWithStreamBody_ReturnsItWithoutRefreshing()
    {
        _mockHttp.Expect(HttpMethod.Put, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").PutAsync(new Uri("items", UriKind.Relative), body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_RefreshYieldsTheRejectedToken_Returns401WithoutRetry()
    {
        _session.Refreshed = null;
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_session.Calls, Is.EqualTo(new[] { false, true }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_RefreshFailsWithSessionExpired_Throws()
    {
        _session.RefreshFailure = new SessionExpiredException("The session of endpoint 'orders' expired; sign in again.");
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        Assert.ThrowsAsync<SessionExpiredException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_CallerSetAuthorization_KeepsItAndNeverAsksForToken()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "Bearer caller-own").Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("items", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "caller-own");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_session.Calls, Is.Empty);
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_CrossOriginAllowed_SendsNoToken()
    {
        _mockHttp.Expect(HttpMethod.Get, "https://elsewhere.example.net/x").With(r => AuthorizationOf(r) is null).Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool(endpoint => endpoint.AllowCrossOriginRequests = true);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("https://elsewhere.example.net/x"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_session.Calls, Is.Empty);
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_UserHandlerOnClientBuilder_SeesRequestBeforeTokenAndRetryStaysInside()
    {
        var recording = new RecordingHandler();
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool(configureBuilder: builder => builder.Endpoint("orders").AddHttpMessageHandler(() => recording));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(recording.Seen.Single().ContainsKey("Authorization"), Is.False);
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_WholeFlow_LogsAndMessagesNeverCarryATokenButNameTheEndpoint()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        using (await client.GetAsync(new Uri("items", UriKind.Relative)))
        {
        }

        _session.Current = null;
        var notSignedIn = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        // Every category's message and structured state: HttpClientFactory's Trace-level header logs keep raw
        // header values in their state (only the message is redacted), so they must sit outside the token handler.
        var records = provider.GetFakeLogCollector().GetSnapshot();
        var logged = string.Join("\n", records.Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(s => s.Value) ?? [])));
        Assert.That(records.Select(r => r.Id.Id), Does.Contain(1301).And.Contain(1302).And.Contain(1305));
        Assert.That(logged, Does.Contain("orders").And.Contain("Request Headers"));
        foreach (var secret in new[] { "access-token-1", "access-token-2", "id-token-1", "id-token-2", "refresh-token-1" })
        {
            Assert.That(logged, Does.Not.Contain(secret));
            Assert.That(notSignedIn!.ToString(), Does.Not.Contain(secret));
        }

        Assert.That(SecondTokens.ToString(), Does.Not.Contain("token-"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void SendAsync_ProviderReturnsNoToken_ThrowsAuthExceptionBeforeSending(string? token)
    {
        var tokenProvider = new RecordingTokenProvider { Respond = _ => token };
        using var provider = BuildOidc(tokenProvider);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("search");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => client.GetAsync(new Uri("q", UriKind.Relative)));

        Assert.That(ex, Is.TypeOf<AmplifyAuthException>());
        Assert.That(ex!.Message, Does.Contain("Endpoint 'search' (OPENID_CONNECT)").And.Contain("RecordingTokenProvider").And.Contain("returned no token"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("secret-part\r\nX-Injected: 1")]
    [TestCase("secret-part\u007f")]
    [TestCase("secret-part\0")]
    [TestCase("\u0001secret-part")]
    [TestCase("\tsecret-part")]
    [TestCase("\u007fsecret-part")]
    [TestCase("secret-part\u001f")]
    public void SendAsync_ProviderReturnsTokenWithControlCharacter_ThrowsWithoutEchoingIt(string token)
    {
        var tokenProvider = new RecordingTokenProvider { Respond = _ => token };
        using var provider = BuildOidc(tokenProvider);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("search");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => client.GetAsync(new Uri("q", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("control character").And.Not.Contain("secret-part"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase("secret-pärt")]
    [TestCase("secret-part\u2028")]
    [TestCase("\u00e9secret-part")]
    [TestCase("secret-part\u0080")]
    public void SendAsync_ProviderReturnsNonAsciiToken_ThrowsTypedWithoutEchoingIt(string token)
    {
        var tokenProvider = new RecordingTokenProvider { Respond = _ => token };
        using var provider = BuildOidc(tokenProvider);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("search");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => client.GetAsync(new Uri("q", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("non-ASCII character").And.Not.Contain("secret-p"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupported()
    {
        var endpoint = new AmplifyEndpoint("orders", new AmplifyRestEndpointOptions { Endpoint = new Uri(EndpointUri), AuthorizationType = AmplifyAuthorizationType.AmazonCognitoUserPools });
        using var handler = new TokenHandler(endpoint, new UserPoolEndpointTokenSource(endpoint, _session), NullLogger<TokenHandler>.Instance) { InnerHandler = _mockHttp };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, ItemsUri);

        var error = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("asynchronous").And.Contain("use SendAsync"));
    }

    [Test]
    public void CanReplay_BufferedContents_True()
    {
        using var multipart = new MultipartFormDataContent { new StringContent("a"), new ByteArrayContent([1]) };
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("a", "b")]);
        using var memory = new ReadOnlyMemoryContent(new byte[] { 1 });
        using var json = System.Net.Http.Json.JsonContent.Create(new { a = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(TokenHandler.CanReplay(null), Is.True);
            Assert.That(TokenHandler.CanReplay(form), Is.True);
            Assert.That(TokenHandler.CanReplay(memory), Is.True);
            Assert.That(TokenHandler.CanReplay(json), Is.True);
            Assert.That(TokenHandler.CanReplay(multipart), Is.True);
        });
    }

    [Test]
    public void CanReplay_StreamContents_False()
    {
        using var stream = new StreamContent(new MemoryStream([1]));
        using var multipart = new MultipartContent { new StringContent("a"), new StreamContent(new MemoryStream([1])) };

        Assert.That(TokenHandler.CanReplay(stream), Is.False);
        Assert.That(TokenHandler.CanReplay(multipart), Is.False);
    }

    [Test]
    public async Task SendAsync_PostUnauthorizedWithoutAuthorizerErrorType_NotRetriedAndLogsWhy()
    {
        // A 401 from the backend itself: it may already have acted on the POST, so it is not sent again.
        _mockHttp.Expect(HttpMethod.Post, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized, "application/json", "{\"message\":\"token rejected by the app\"}");
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders")
            .PostAsync(new Uri("items", UriKind.Relative), new StringContent("{\"n\":1}", Encoding.UTF8, "application/json"));

        var notRetried = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Id == 1330).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(_session.Calls, Is.EqualTo(new[] { false }), "no refresh either");
            Assert.That(notRetried, Has.Count.EqualTo(1));
            Assert.That(notRetried[0].Message, Does.Contain("orders").And.Contain("POST").And.Contain("UnauthorizedException"));
        });
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_PatchUnauthorizedByTheAuthorizer_RefreshesAndRetries()
    {
        _mockHttp.Expect(HttpMethod.Patch, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(_ => AuthorizerRejection(":http://internal.amazon.com/coral/com.amazon.coral.service/"));
        _mockHttp.Expect(HttpMethod.Patch, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders")
            .PatchAsync(new Uri("items", UriKind.Relative), new StringContent("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_DeleteUnauthorizedWithoutErrorType_RetriedBecauseIdempotent()
    {
        _mockHttp.Expect(HttpMethod.Delete, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Delete, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").Respond(HttpStatusCode.NoContent);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").DeleteAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase(new[] { "UnauthorizedException" }, true)]
    [TestCase(new[] { " UnauthorizedException " }, true)]
    [TestCase(new[] { "UnauthorizedException:http://internal.amazon.com/coral" }, true)]
    [TestCase(new[] { "AccessDeniedException", "UnauthorizedException" }, true)]
    [TestCase(new[] { "unauthorizedexception" }, false)]
    [TestCase(new[] { "AccessDeniedException" }, false)]
    [TestCase(new[] { "MyUnauthorizedException" }, false)]
    [TestCase(new string[0], false)]
    public void AuthorizerRejected_ErrorTypeHeader_TrueOnlyForApiGatewaysAuthorizer(string[] values, bool expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        foreach (var value in values)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", value);
        }

        Assert.That(TokenHandler.AuthorizerRejected(response), Is.EqualTo(expected));
    }

    [TestCase("GET", true)]
    [TestCase("HEAD", true)]
    [TestCase("OPTIONS", true)]
    [TestCase("PUT", true)]
    [TestCase("DELETE", true)]
    [TestCase("TRACE", true)]
    [TestCase("POST", false)]
    [TestCase("PATCH", false)]
    [TestCase("CONNECT", false)]
    public void IsIdempotent_EachMethod_AsRfc9110Says(string method, bool expected) =>
        Assert.That(EndpointRetryRules.IsIdempotent(new HttpMethod(method)), Is.EqualTo(expected));

    [Test]
    public async Task SendAsync_UnauthorizedWithStreamBody_LogsWhyItIsNotRetried()
    {
        _mockHttp.Expect(HttpMethod.Put, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();
        using var body = new StreamContent(new MemoryStream([1, 2, 3]));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").PutAsync(new Uri("items", UriKind.Relative), body);

        var record = provider.GetFakeLogCollector().GetSnapshot().Single(r => r.Id.Id == 1303);
        Assert.That(record.Message, Is.EqualTo("Endpoint orders answered 401; not retried because the request body (StreamContent) cannot be sent twice."));
    }

    [Test]
    public async Task SendAsync_RefreshYieldsTheRejectedToken_LogsWhyItIsNotRetried()
    {
        _session.Refreshed = null;
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        var records = provider.GetFakeLogCollector().GetSnapshot();
        Assert.That(records.Single(r => r.Id.Id == 1304).Message, Does.StartWith("Endpoint orders answered 401; not retried because the refreshed token"));
        Assert.That(records.Select(r => r.Id.Id), Does.Not.Contain(1302).And.Not.Contain(1305));
    }

    [Test]
    public async Task SendAsync_RefreshedTokenAccepted_LogsTheRetryAndBothAttachmentsButNoRejection()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        var records = provider.GetFakeLogCollector().GetSnapshot();
        Assert.That(records.Where(r => r.Id.Id == 1301).Select(r => r.Message), Is.EqualTo(new[]
        {
            "Endpoint orders: AMAZON_COGNITO_USER_POOLS token attached (attempt 1).",
            "Endpoint orders: AMAZON_COGNITO_USER_POOLS token attached (attempt 2).",
        }));
        Assert.That(records.Single(r => r.Id.Id == 1302).Message, Is.EqualTo("Endpoint orders answered 401; retrying once with a refreshed AMAZON_COGNITO_USER_POOLS token."));
        Assert.That(records.Select(r => r.Id.Id), Does.Not.Contain(1305));
    }

    [Test]
    public async Task SendAsync_DebugOff_AttachesTheTokenWithoutLoggingIt()
    {
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-1").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool(configureBuilder: builder => builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Information)));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(provider.GetFakeLogCollector().GetSnapshot().Select(r => r.Id.Id), Does.Not.Contain(1301));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_RefreshedTokenAccepted_DisposesThe401AndCountsTheRetry()
    {
        var refusal = new TrackingContent(new StringContent("{\"message\":\"Unauthorized\"}"));
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = refusal });
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).With(r => AuthorizationOf(r) == "access-token-2").Respond(HttpStatusCode.OK);
        using var provider = BuildUserPool();
        using var telemetry = new TelemetryCapture();

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync(new Uri("items", UriKind.Relative));

        var retries = telemetry.Counts(AmplifyTelemetry.RetriesInstrument, AmplifyTelemetry.EndpointTag, "orders");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refusal.Disposed, Is.True, "the 401 is replaced by the retry's answer, so the handler disposes it");
            Assert.That(retries, Has.Count.EqualTo(1));
            Assert.That(retries[0][AmplifyTelemetry.AttemptTag], Is.EqualTo(2));
            Assert.That(retries[0][AmplifyTelemetry.RetryReasonTag], Is.EqualTo("token_refreshed"));
            Assert.That(retries[0][AmplifyTelemetry.ErrorTypeTag], Is.EqualTo("401"));
        });
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_RefreshFails_DisposesThe401BeforeThrowing()
    {
        _session.RefreshFailure = new SessionExpiredException("The session of endpoint 'orders' expired; sign in again.");
        var refusal = new TrackingContent(new StringContent("{\"message\":\"Unauthorized\"}"));
        _mockHttp.Expect(HttpMethod.Get, ItemsUri).Respond(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = refusal });
        using var provider = BuildUserPool();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        Assert.ThrowsAsync<SessionExpiredException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));

        Assert.That(refusal.Disposed, Is.True, "the caller never gets the 401, so the handler disposes it");
    }

    /// <summary>API Gateway's answer when an authorizer refuses the token (LocalApiGateway answers the same).</summary>
    private static HttpResponseMessage AuthorizerRejection(string suffix = "")
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new StringContent("{\"message\":\"Unauthorized\"}") };
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "UnauthorizedException" + suffix);
        return response;
    }

    internal static string? AuthorizationOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Authorization", out var values) ? string.Join(",", values) : null;

    private ServiceProvider BuildUserPool(
        Action<AmplifyRestEndpointOptions>? configureEndpoint = null,
        Action<IAmplifyRestApiBuilder>? configureBuilder = null,
        bool registerSession = true)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        if (registerSession)
        {
            services.AddSingleton<IUserPoolTokenSource>(_session);
        }

        var builder = services.AddAmplifyRestApi(options =>
        {
            var endpoint = options.AddEndpoint("orders", new Uri(EndpointUri), AmplifyAuthorizationType.AmazonCognitoUserPools);
            configureEndpoint?.Invoke(endpoint);
        });
        builder.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        configureBuilder?.Invoke(builder);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private ServiceProvider BuildOidc(RecordingTokenProvider tokenProvider)
    {
        var services = new ServiceCollection();
        services.AddSingleton(tokenProvider);
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("search", new Uri("https://search.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect));
        builder.AddOidcTokenProvider<RecordingTokenProvider>();
        builder.Endpoint("search").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
