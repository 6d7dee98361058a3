using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AmplifyAuthHandlers.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>The gateway's token, Lambda and API-key APIs, routes, handler, clock and request log over loopback.</summary>
[TestFixture]
public sealed class LocalApiGatewayTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TestTokenIssuer _issuer = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _issuer = new TestTokenIssuer();
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public void OneTimeTearDown()
    {
        _issuer.Dispose();
        _http.Dispose();
    }

    private async Task<LocalApiGateway> StartAsync(Action<LocalApiGatewayOptions>? configure = null)
    {
        var options = new LocalApiGatewayOptions { TimeProvider = new FakeTimeProvider(Start), TokenIssuers = { _issuer } };
        configure?.Invoke(options);
        return await LocalApiGateway.StartAsync(options);
    }

    private async Task<(HttpStatusCode Status, string? ErrorType, string Body)> GetAsync(LocalApiGateway gateway, string api, string path = "/items", string? authorization = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.Endpoints[api] + path));
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("x-api-key", apiKey);
        }

        using var response = await _http.SendAsync(request);
        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.Single() : null;
        Assert.That(response.Headers.GetValues("x-amzn-RequestId").Single(), Does.Match("^[0-9a-f-]{36}$"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        return (response.StatusCode, errorType, await response.Content.ReadAsStringAsync());
    }

    private static string Principal(string body) => JsonDocument.Parse(body).RootElement.GetProperty("principal").GetString()!;

    [Test]
    public async Task StartAsync_Defaults_OneEndpointPerAuthorizationTypeUnderTheStage()
    {
        await using var gateway = await LocalApiGateway.StartAsync();

        Assert.That(gateway.Endpoints.Keys, Is.EquivalentTo(new[] { "NONE", "API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA" }));
        Assert.That(gateway.Endpoints.Values.Select(u => u.Host), Is.All.EqualTo("127.0.0.1"));
        Assert.That(gateway.Endpoints.Values.Select(u => u.AbsolutePath), Is.All.EndsWith("/dev"));
        Assert.That(gateway.Endpoints["aws_iam"], Is.EqualTo(gateway.Endpoints["AWS_IAM"]));
        Assert.That(gateway.Region, Is.EqualTo("us-east-1"));
        Assert.That(gateway.ApiKey, Has.Length.GreaterThan(20));
    }

    [Test]
    public void TestingAssembly_DoesNotReferenceTheLibraryItChecks() =>
        Assert.That(typeof(LocalApiGateway).Assembly.GetReferencedAssemblies().Select(a => a.Name), Has.None.EqualTo("AmplifyAuthHandlers"));

    [TestCase("access")]
    [TestCase("id")]
    public async Task UserPoolApi_ValidToken_EchoesTheSubject(string tokenUse)
    {
        await using var gateway = await StartAsync();

        var (status, _, body) = await GetAsync(gateway, "AMAZON_COGNITO_USER_POOLS", authorization: _issuer.Mint(tokenUse, Start));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(Principal(body), Is.EqualTo("sub-" + tokenUse));
        Assert.That(gateway.Requests.Single().Headers["Authorization"], Is.EqualTo("***"));
    }

    [Test]
    public async Task UserPoolApi_IssuerAddedAfterStart_ItsTokensAreAccepted()
    {
        await using var gateway = await StartAsync(o => o.TokenIssuers.Clear());
        var token = _issuer.Mint("access", Start);
        var before = await GetAsync(gateway, "AMAZON_COGNITO_USER_POOLS", authorization: token);

        gateway.AddTokenIssuer(_issuer);
        var after = await GetAsync(gateway, "AMAZON_COGNITO_USER_POOLS", authorization: token);

        Assert.That(before.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "no issuer is trusted yet");
        Assert.That((after.Status, Principal(after.Body)), Is.EqualTo((HttpStatusCode.OK, "sub-access")));
        Assert.That(() => gateway.AddTokenIssuer(null!), Throws.ArgumentNullException);
    }

    [Test]
    public async Task UserPoolApi_MissingExpiredOrForeignToken_Unauthorized()
    {
        await using var gateway = await StartAsync(o => o.UserPoolTokenUses.Remove("id"));
        using var other = new TestTokenIssuer("http://127.0.0.1:1/other");
        string?[] tokens = [null, _issuer.Mint("access", Start, c => c["exp"] = Start.ToUnixTimeSeconds()), other.Mint("access", Start), _issuer.Mint("id", Start), "garbage"];

        foreach (var token in tokens)
        {
            var (status, errorType, body) = await GetAsync(gateway, "AMAZON_COGNITO_USER_POOLS", authorization: token);

            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), token);
            Assert.That(errorType, Is.EqualTo("UnauthorizedException"));
            Assert.That(body, Is.EqualTo("{\"message\":\"Unauthorized\"}"));
        }
    }

    [Test]
    public async Task UserPoolApi_TokenExpiresOnTheShiftedClock_Unauthorized()
    {
        await using var gateway = await StartAsync();
        var token = _issuer.Mint("access", Start);

        gateway.ClockOffset = TimeSpan.FromHours(2);
        var (status, _, _) = await GetAsync(gateway, "AMAZON_COGNITO_USER_POOLS", authorization: token);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task OidcApi_IdTokenAccepted_AccessTokenRefused()
    {
        await using var gateway = await StartAsync();

        var id = await GetAsync(gateway, "OPENID_CONNECT", authorization: _issuer.Mint("id", Start));
        var access = await GetAsync(gateway, "OPENID_CONNECT", authorization: _issuer.Mint("access", Start));
        var otherAudience = await GetAsync(gateway, "OPENID_CONNECT", authorization: _issuer.Mint("id", Start, c => c["aud"] = "someone-else"));

        Assert.That(id.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(access.ErrorType, Is.EqualTo("UnauthorizedException"));
        Assert.That(otherAudience.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task LambdaApi_DefaultAuthorizer_AllowsIssuedTokensRefusesOthers()
    {
        await using var gateway = await StartAsync();

        var valid = await GetAsync(gateway, "AWS_LAMBDA", authorization: _issuer.Mint("id", Start));
        var missing = await GetAsync(gateway, "AWS_LAMBDA");
        var bad = await GetAsync(gateway, "AWS_LAMBDA", authorization: "not-a-token");

        Assert.That(Principal(valid.Body), Is.EqualTo("sub-id"));
        Assert.That((missing.Status, missing.ErrorType, missing.Body), Is.EqualTo((HttpStatusCode.Unauthorized, "UnauthorizedException", "{\"message\":\"Unauthorized\"}")));
        Assert.That((bad.Status, bad.ErrorType, bad.Body), Is.EqualTo((HttpStatusCode.Forbidden, "AccessDeniedException", "{\"message\":\"User is not authorized to access this resource\"}")));
    }

    [Test]
    public async Task LambdaApi_CustomAuthorizer_ItsDecisionsBecomeApiGatewayAnswers()
    {
        LambdaAuthorizerRequest? seen = null;
        await using var gateway = await StartAsync(o => o.LambdaAuthorizer = request =>
        {
            seen = request;
            return ValueTask.FromResult(request.AuthorizationToken switch
            {
                "allow" => LambdaAuthorizerResult.Allow("lambda-user"),
                "deny" => LambdaAuthorizerResult.Deny("lambda-user"),
                "unauthorized" => LambdaAuthorizerResult.Unauthorized,
                _ => LambdaAuthorizerResult.NotAllowed(),
            });
        });

        var allow = await GetAsync(gateway, "AWS_LAMBDA", "/orders/7", authorization: "allow");
        var deny = await GetAsync(gateway, "AWS_LAMBDA", authorization: "deny");
        var unauthorized = await GetAsync(gateway, "AWS_LAMBDA", authorization: "unauthorized");

        Assert.That(Principal(allow.Body), Is.EqualTo("lambda-user"));
        Assert.That((deny.Status, deny.ErrorType, deny.Body), Is.EqualTo((HttpStatusCode.Forbidden, "AccessDeniedException", "{\"message\":\"User is not authorized to access this resource with an explicit deny\"}")));
        Assert.That(unauthorized.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(seen!.ToString(), Does.Not.Contain("unauthorized\""));
        Assert.That(seen.Method, Is.EqualTo("GET"));
    }

    [Test]
    public async Task LambdaApi_MethodArnNamesRegionStageMethodAndPath()
    {
        string? arn = null;
        await using var gateway = await StartAsync(o =>
        {
            o.Region = "eu-west-1";
            o.Stage = "prod";
            o.LambdaAuthorizer = r =>
            {
                arn = r.MethodArn;
                return ValueTask.FromResult(LambdaAuthorizerResult.Allow("x"));
            };
        });

        await GetAsync(gateway, "AWS_LAMBDA", "/orders/7", authorization: "t");

        Assert.That(arn, Is.EqualTo("arn:aws:execute-api:eu-west-1:000000000000:aws-lambda/prod/GET/orders/7"));
    }

    [Test]
    public async Task ApiKeyApi_MissingOrWrongKey_Forbidden()
    {
        await using var gateway = await StartAsync(o => o.ApiKey = "the-test-key");

        var missing = await GetAsync(gateway, "API_KEY");
        var wrong = await GetAsync(gateway, "API_KEY", apiKey: "the-test-kez");
        var right = await GetAsync(gateway, "API_KEY", apiKey: "the-test-key");

        Assert.That((missing.Status, missing.ErrorType, missing.Body), Is.EqualTo((HttpStatusCode.Forbidden, "ForbiddenException", "{\"message\":\"Forbidden\"}")));
        Assert.That(wrong.ErrorType, Is.EqualTo("ForbiddenException"));
        Assert.That(right.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(gateway.ApiKey, Is.EqualTo("the-test-key"));
    }

    [TestCase("/")]
    [TestCase("/none")]
    [TestCase("/none/prod/items")]
    [TestCase("/unknown/dev/items")]
    [TestCase("/NONE/dev/items")]
    public async Task UnknownRoute_MissingAuthenticationToken(string path)
    {
        await using var gateway = await StartAsync();

        using var response = await _http.GetAsync(new Uri(gateway.BaseAddress, path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Headers.GetValues("x-amzn-ErrorType").Single(), Is.EqualTo("MissingAuthenticationTokenException"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"message\":\"Missing Authentication Token\"}"));
        Assert.That(gateway.Requests.Single().AuthorizationType, Is.Null);
    }

    [Test]
    public async Task Date_FollowsTheTimeProviderAndTheOffset()
    {
        await using var gateway = await StartAsync();
        gateway.ClockOffset = TimeSpan.FromMinutes(10);

        using var response = await _http.GetAsync(gateway.Endpoints["NONE"]);

        Assert.That(response.Headers.Date, Is.EqualTo(Start + TimeSpan.FromMinutes(10)));
        Assert.That(gateway.Requests.Single().Time, Is.EqualTo(Start + TimeSpan.FromMinutes(10)));
    }

    [Test]
    public async Task Handler_GetsTheInvocationAndTheBody()
    {
        LocalApiInvocation? seen = null;
        string? bodyRead = null;
        await using var gateway = await StartAsync(o => o.Handler = async (context, invocation) =>
        {
            seen = invocation;
            using var reader = new StreamReader(context.Request.Body);
            bodyRead = await reader.ReadToEndAsync();
            context.Response.StatusCode = 201;
            await context.Response.WriteAsync("created");
        });

        using var response = await _http.PostAsync(new Uri(gateway.Endpoints["NONE"] + "/a%20b/c?x=1+2"), new StringContent("hello"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("created"));
        Assert.That(seen!.Path, Is.EqualTo("/a%20b/c"));
        Assert.That(seen.Query, Is.EqualTo("x=1+2"));
        Assert.That(seen.AuthorizationType, Is.EqualTo("NONE"));
        Assert.That(Encoding.UTF8.GetString(seen.Body.Span), Is.EqualTo("hello"));
        Assert.That(bodyRead, Is.EqualTo("hello"));
        Assert.That(gateway.Requests.Single().StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task Handler_Throws_BadGatewayInternalServerError()
    {
        await using var gateway = await StartAsync(o => o.Handler = (_, _) => throw new InvalidOperationException("integration failed"));

        var (status, errorType, body) = await GetAsync(gateway, "NONE");

        Assert.That((status, errorType, body), Is.EqualTo((HttpStatusCode.BadGateway, "InternalServerErrorException", "{\"message\":\"Internal server error\"}")));
        Assert.That(gateway.Requests.Single().StatusCode, Is.EqualTo(502));
    }

    [Test]
    public async Task LambdaApi_AuthorizerThrows_AuthorizerConfigurationError()
    {
        await using var gateway = await StartAsync(o => o.LambdaAuthorizer = _ => throw new InvalidOperationException("boom"));

        var (status, errorType, body) = await GetAsync(gateway, "AWS_LAMBDA", authorization: "t");

        Assert.That((status, errorType, body), Is.EqualTo((HttpStatusCode.InternalServerError, "AuthorizerConfigurationException", "{\"message\":null}")));
    }

    [Test]
    public async Task Requests_ConcurrentCallers_AllRecordedThenCleared()
    {
        await using var gateway = await StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _http.GetAsync(new Uri(gateway.Endpoints["NONE"] + "/n/" + i.ToString(CultureInfo.InvariantCulture)))));

        Assert.That(gateway.Requests.Select(r => r.Path).Distinct().Count(), Is.EqualTo(50));
        gateway.ClearRequests();
        Assert.That(gateway.Requests, Is.Empty);
    }

    [Test]
    public async Task Requests_OverTheLimit_OldestDropped()
    {
        await using var gateway = await StartAsync(o => o.MaxRecordedRequests = 2);

        for (var i = 0; i < 3; i++)
        {
            using var _ = await _http.GetAsync(new Uri(gateway.Endpoints["NONE"] + "/n/" + i.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.That(gateway.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/none/dev/n/1", "/none/dev/n/2" }));
    }

    [Test]
    public async Task Requests_EachEntry_CarriesTheRequestIdItWasAnsweredWith()
    {
        await using var gateway = await StartAsync();

        using var first = await _http.GetAsync(new Uri(gateway.Endpoints["NONE"] + "/a"));
        using var second = await _http.GetAsync(new Uri(gateway.Endpoints["NONE"] + "/b"));

        var ids = gateway.Requests.Select(r => r.RequestId).ToList();
        Assert.That(ids, Is.EqualTo(new[] { first.Headers.GetValues("x-amzn-RequestId").Single(), second.Headers.GetValues("x-amzn-RequestId").Single() }));
        Assert.That(ids.Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task DisposeAsync_StopsListening()
    {
        var gateway = await StartAsync();
        var endpoint = gateway.Endpoints["NONE"];

        await gateway.DisposeAsync();

        Assert.That(async () => await _http.GetAsync(endpoint), Throws.InstanceOf<HttpRequestException>());
    }

    [Test]
    public void StartAsync_BadStage_Throws() =>
        Assert.That(async () => await LocalApiGateway.StartAsync(new LocalApiGatewayOptions { Stage = "a/b" }), Throws.ArgumentException);

    [TestCase(false)]
    [TestCase(true)]
    public async Task IamApi_AuthorityRegisteredAfterStartOrInTheOptions_Consulted(bool inOptions)
    {
        var authority = new DictionaryAuthority();
        await using var gateway = await StartAsync(o =>
        {
            if (inOptions)
            {
                o.CredentialsAuthorities.Add(authority);
            }
        });
        if (!inOptions)
        {
            gateway.AddCredentialsAuthority(authority);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, gateway.Endpoints["AWS_IAM"]);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        request.Headers.Authorization = new AuthenticationHeaderValue("AWS4-HMAC-SHA256", "Credential=AKIDFROMAUTHORITY000/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");

        using var response = await _http.SendAsync(request);

        Assert.That(authority.Asked, Is.EqualTo(new[] { "AKIDFROMAUTHORITY000" }));
        Assert.That(response.Headers.GetValues("x-amzn-ErrorType").Single(), Is.EqualTo("UnrecognizedClientException"));
    }

    private sealed class DictionaryAuthority : ILocalCredentialsAuthority
    {
        public List<string> Asked { get; } = [];

        public LocalAwsCredentials? FindCredentials(string accessKeyId)
        {
            lock (Asked)
            {
                Asked.Add(accessKeyId);
            }

            return null;
        }
    }
}
