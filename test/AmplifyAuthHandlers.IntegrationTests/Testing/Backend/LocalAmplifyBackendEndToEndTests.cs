using System.Net;
using System.Text.Json;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Backend;

/// <summary>
/// Every auth mode end to end, as a user's test would run it: <see cref="LocalAmplifyBackend"/> writes the Amplify file,
/// <c>AddAmplifyRestApi(path)</c> reads it, the library signs in over SRP and calls each API, and the gateway's verified
/// principal and role (from the echo and from its request log) show what the library sent.
/// </summary>
[TestFixture]
public sealed class LocalAmplifyBackendEndToEndTests
{
    private LocalAmplifyBackend _backend = null!;
    private DirectoryInfo _directory = null!;
    private string _gen1 = null!;
    private string _gen2 = null!;

    private LocalAmplifyUser Demo => _backend.Users[0];

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _backend = await LocalAmplifyBackend.StartAsync();
        _directory = Directory.CreateTempSubdirectory("amplify-backend-");
        _gen1 = _backend.WriteAmplifyConfiguration(Path.Combine(_directory.FullName, "amplifyconfiguration.json"));
        _gen2 = _backend.WriteAmplifyOutputs(Path.Combine(_directory.FullName, "amplify_outputs.json"));
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        await _backend.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [SetUp]
    public void SetUp()
    {
        _backend.Gateway.ClearRequests();
        _backend.Cognito.ClearCalls();
    }

    /// <summary>The user's set-up: the file, plus the two token providers OIDC and Lambda endpoints need.</summary>
    private static ServiceProvider Services(string path, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        IAmplifyAuth? auth = null;
        services.AddAmplifyRestApi(path)
            .AddOidcTokenProvider<SessionIdTokenProvider>()
            .AddFunctionTokenProvider(async ct => (await auth!.FetchSessionAsync(cancellationToken: ct)).UserPoolTokens?.IdToken);
        more?.Invoke(services);
        var provider = services.BuildServiceProvider(validateScopes: true);
        auth = provider.GetRequiredService<IAmplifyAuth>();
        return provider;
    }

    private async Task<(JsonElement Echo, LocalApiGatewayRequest Logged)> GetAsync(ServiceProvider provider, string endpointName)
    {
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(endpointName);
        using var response = await client.GetAsync(new Uri("items?color=blue", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var logged = _backend.Gateway.Requests[^1];
        return (JsonDocument.Parse(body).RootElement.Clone(), logged);
    }

    private static async Task SignInDemoAsync(ServiceProvider provider, LocalAmplifyUser user)
    {
        var result = await provider.GetRequiredService<IAmplifyAuth>().SignInAsync(user.Username, user.Password);
        Assert.That(result.IsSignedIn, Is.True);
    }

    private static void AssertEcho(JsonElement echo, LocalApiGatewayRequest logged, string authorizationType, string? principal, string? role)
    {
        Assert.Multiple(() =>
        {
            Assert.That(echo.GetProperty("authorizationType").GetString(), Is.EqualTo(authorizationType));
            Assert.That(echo.GetProperty("path").GetString(), Is.EqualTo("/items"));
            Assert.That(echo.GetProperty("query").GetString(), Is.EqualTo("color=blue"));
            Assert.That(echo.GetProperty("principal").GetString(), Is.EqualTo(principal));
            Assert.That(echo.GetProperty("role").GetString(), Is.EqualTo(role));
            Assert.That(logged.AuthorizationType, Is.EqualTo(authorizationType));
            Assert.That(logged.StatusCode, Is.EqualTo(200));
            Assert.That(logged.ErrorType, Is.Null);
            Assert.That(logged.Principal, Is.EqualTo(principal));
            Assert.That(logged.Role, Is.EqualTo(role));
        });
    }

    [Test]
    public void WriteAmplifyConfiguration_Gen1File_LibraryReadsOneEndpointPerModeWithCognitoEndpoints()
    {
        using var provider = Services(_gen1);

        var options = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;

        Assert.That(options.Endpoints.ToDictionary(e => e.Key, e => (e.Value.AuthorizationType, e.Value.Endpoint)), Is.EquivalentTo(new Dictionary<string, (AmplifyAuthorizationType, Uri?)>
        {
            [LocalAmplifyEndpointNames.None] = (AmplifyAuthorizationType.None, _backend.Apis["NONE"]),
            [LocalAmplifyEndpointNames.ApiKey] = (AmplifyAuthorizationType.ApiKey, _backend.Apis["API_KEY"]),
            [LocalAmplifyEndpointNames.Iam] = (AmplifyAuthorizationType.AwsIam, _backend.Apis["AWS_IAM"]),
            [LocalAmplifyEndpointNames.UserPools] = (AmplifyAuthorizationType.AmazonCognitoUserPools, _backend.Apis["AMAZON_COGNITO_USER_POOLS"]),
            [LocalAmplifyEndpointNames.Oidc] = (AmplifyAuthorizationType.OpenIdConnect, _backend.Apis["OPENID_CONNECT"]),
            [LocalAmplifyEndpointNames.Lambda] = (AmplifyAuthorizationType.AwsLambda, _backend.Apis["AWS_LAMBDA"]),
        }));
        Assert.That(options.Endpoints[LocalAmplifyEndpointNames.ApiKey].ApiKey, Is.EqualTo(_backend.ApiKey));
        Assert.That(options.Auth.UserPool!.Endpoint, Is.EqualTo(_backend.Cognito.CognitoIdentityProviderUrl));
        Assert.That(options.Auth.UserPool.PoolId, Is.EqualTo(_backend.Cognito.UserPoolId));
        Assert.That(options.Auth.IdentityPool!.Endpoint, Is.EqualTo(_backend.Cognito.CognitoIdentityUrl));
        Assert.That(options.Auth.IdentityPool.PoolId, Is.EqualTo(_backend.Cognito.IdentityPoolId));
    }

    [Test]
    public async Task GetAsync_NoneEndpoint_GatewayAnswersWithoutAPrincipal()
    {
        await using var provider = Services(_gen1);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.None);

        AssertEcho(echo, logged, "NONE", principal: null, role: null);
        Assert.That(logged.Headers.Keys, Has.None.EqualTo("Authorization").IgnoreCase);
    }

    [Test]
    public async Task GetAsync_ApiKeyEndpoint_GatewayAcceptsTheKeyFromTheFile()
    {
        await using var provider = Services(_gen1);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.ApiKey);

        AssertEcho(echo, logged, "API_KEY", principal: null, role: null);
        var key = logged.Headers.Single(h => h.Key.Equals("x-api-key", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.That(key, Is.Not.Empty.And.Not.EqualTo(_backend.ApiKey), "the log redacts the key");
    }

    [Test]
    public async Task GetAsync_IamEndpointAsGuest_GatewaySeesTheUnauthenticatedRole()
    {
        await using var provider = Services(_gen1);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.Iam);

        var identityId = echo.GetProperty("principal").GetString();
        Assert.That(identityId, Does.StartWith(_backend.Region + ":"));
        AssertEcho(echo, logged, "AWS_IAM", identityId, "unauthenticated");
        Assert.That(logged.Headers["Authorization"], Does.StartWith("AWS4-HMAC-SHA256 Credential="));
        Assert.That(_backend.Cognito.Calls.Select(c => c.Operation), Is.EqualTo(new[] { "GetId", "GetCredentialsForIdentity" }));
    }

    [Test]
    public async Task SignInAsync_DemoUser_CompletesSrpAgainstTheBackend()
    {
        await using var provider = Services(_gen1);

        await SignInDemoAsync(provider, Demo);

        Assert.That(_backend.Cognito.Calls.Select(c => (c.Operation, c.Detail, c.StatusCode)), Is.EqualTo(new[]
        {
            ("InitiateAuth", (string?)"USER_SRP_AUTH", 200),
            ("RespondToAuthChallenge", "PASSWORD_VERIFIER", 200),
        }));
    }

    [Test]
    public async Task GetAsync_IamEndpointSignedIn_GatewaySeesTheAuthenticatedRoleAndOneIdentityPerUser()
    {
        string guest;
        await using (var anonymous = Services(_gen1))
        {
            guest = (await GetAsync(anonymous, LocalAmplifyEndpointNames.Iam)).Echo.GetProperty("principal").GetString()!;
        }

        var principals = new List<string?>();
        for (var run = 0; run < 2; run++)
        {
            await using var provider = Services(_gen1);
            await SignInDemoAsync(provider, Demo);
            var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.Iam);
            AssertEcho(echo, logged, "AWS_IAM", echo.GetProperty("principal").GetString(), "authenticated");
            principals.Add(logged.Principal);
        }

        Assert.That(principals[0], Does.StartWith(_backend.Region + ":"));
        Assert.That(principals[1], Is.EqualTo(principals[0]), "the same user gets the same identity");
        Assert.That(principals[0], Is.Not.EqualTo(guest));
    }

    [Test]
    public async Task GetAsync_UserPoolsEndpointSignedIn_GatewayVerifiesTheAccessToken()
    {
        await using var provider = Services(_gen1);
        await SignInDemoAsync(provider, Demo);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.UserPools);

        AssertEcho(echo, logged, "AMAZON_COGNITO_USER_POOLS", Demo.Sub, "access");
        Assert.That(logged.Headers["Authorization"], Does.Not.StartWith("eyJ"), "the log redacts the token");
    }

    [Test]
    public async Task GetAsync_UserPoolsEndpointSignedOut_ThrowsNotSignedInWithoutSending()
    {
        await using var provider = Services(_gen1);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(LocalAmplifyEndpointNames.UserPools);

        Assert.ThrowsAsync<AmplifyNotSignedInException>(() => client.GetAsync(new Uri("items", UriKind.Relative)));
        Assert.That(_backend.Gateway.Requests, Is.Empty);
    }

    [Test]
    public async Task GetAsync_OidcEndpointWithSessionIdToken_GatewayVerifiesTheIdToken()
    {
        await using var provider = Services(_gen1);
        await SignInDemoAsync(provider, Demo);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.Oidc);

        AssertEcho(echo, logged, "OPENID_CONNECT", Demo.Sub, "id");
    }

    [Test]
    public async Task GetAsync_LambdaEndpointWithSessionIdToken_DefaultAuthorizerAllowsTheUser()
    {
        await using var provider = Services(_gen1);
        await SignInDemoAsync(provider, Demo);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.Lambda);

        AssertEcho(echo, logged, "AWS_LAMBDA", Demo.Sub, role: null);
    }

    [Test]
    public async Task GetAsync_LambdaEndpointWithAForeignToken_GatewayAnswers403()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(_gen1)
            .AddOidcTokenProvider<SessionIdTokenProvider>()
            .AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("not-a-token-of-this-pool"));
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(LocalAmplifyEndpointNames.Lambda);

        using var response = await client.GetAsync(new Uri("items", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_backend.Gateway.Requests[^1].ErrorType, Is.EqualTo("AccessDeniedException"));
    }

    /// <summary>Gen2 files name no Cognito endpoint, so the test points the pools at the backend in code.</summary>
    private ServiceProvider Gen2Services() => Services(_gen2, services => services.PostConfigure<AmplifyRestApiOptions>(o =>
    {
        o.Auth.UserPool!.Endpoint = _backend.Cognito.CognitoIdentityProviderUrl;
        o.Auth.IdentityPool!.Endpoint = _backend.Cognito.CognitoIdentityUrl;
    }));

    [Test]
    public async Task GetAsync_Gen2ApiKeyEndpoint_GatewayAcceptsTheKeyFromTheFile()
    {
        await using var provider = Gen2Services();

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.ApiKey);

        AssertEcho(echo, logged, "API_KEY", principal: null, role: null);
    }

    [Test]
    public async Task GetAsync_Gen2IamEndpointAsGuestThenSignedIn_GatewaySeesBothRoles()
    {
        await using var provider = Gen2Services();

        var (guestEcho, guestLogged) = await GetAsync(provider, LocalAmplifyEndpointNames.Iam);
        await SignInDemoAsync(provider, Demo);
        var (userEcho, userLogged) = await GetAsync(provider, LocalAmplifyEndpointNames.Iam);

        AssertEcho(guestEcho, guestLogged, "AWS_IAM", guestLogged.Principal, "unauthenticated");
        AssertEcho(userEcho, userLogged, "AWS_IAM", userLogged.Principal, "authenticated");
        Assert.That(userLogged.Principal, Is.Not.EqualTo(guestLogged.Principal).And.StartWith(_backend.Region + ":"));
    }

    [Test]
    public async Task GetAsync_Gen2UserPoolsEndpointSignedIn_GatewayVerifiesTheAccessToken()
    {
        await using var provider = Gen2Services();
        await SignInDemoAsync(provider, Demo);

        var (echo, logged) = await GetAsync(provider, LocalAmplifyEndpointNames.UserPools);

        AssertEcho(echo, logged, "AMAZON_COGNITO_USER_POOLS", Demo.Sub, "access");
    }

    [Test]
    public void WriteAmplifyOutputs_Gen2File_HasRestApiAndAuthWithoutCognitoEndpoints()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(_gen2));
        var root = document.RootElement;

        Assert.That(root.GetProperty("rest_api").EnumerateObject().Select(p => (p.Name, p.Value.GetProperty("authorization_type").GetString(), p.Value.GetProperty("url").GetString())),
            Is.EquivalentTo(LocalAmplifyEndpointNames.ByAuthorizationType.Select(p => (p.Value, (string?)p.Key, (string?)_backend.Apis[p.Key].ToString()))));
        Assert.That(root.GetProperty("rest_api").GetProperty(LocalAmplifyEndpointNames.ApiKey).GetProperty("api_key").GetString(), Is.EqualTo(_backend.ApiKey));
        Assert.That(root.GetProperty("auth").GetProperty("user_pool_id").GetString(), Is.EqualTo(_backend.Cognito.UserPoolId));
        Assert.That(root.GetProperty("auth").GetProperty("identity_pool_id").GetString(), Is.EqualTo(_backend.Cognito.IdentityPoolId));
        Assert.That(root.GetProperty("auth").GetProperty("user_pool_client_id").GetString(), Is.EqualTo(_backend.Cognito.DefaultClient.ClientId));
        Assert.That(root.GetProperty("auth").EnumerateObject().Select(p => p.Name), Has.None.Contains("endpoint"), "Gen2 has no Cognito endpoint key");
    }
}
