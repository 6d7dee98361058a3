using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.IntegrationTests.Auth;

/// <summary>
/// IAmplifyAuth against cognito-local (USER_PASSWORD_AUTH sign-in and refresh), and a user-pool endpoint whose
/// loopback server verifies the forwarded JWT against cognito-local's JWKS.
/// </summary>
[TestFixture]
public sealed class UserPoolEndpointIntegrationTests
{
    private const string Password = "Int3gration-Passw0rd!";

    private CognitoLocalServer _cognito = null!;
    private string _poolId = null!;
    private string _clientId = null!;
    private JwksVerifiedApi _api = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _cognito = await CognitoLocalServer.GetSharedAsync();
        _poolId = await _cognito.CreateUserPoolAsync("endpoint-tests");
        _clientId = await _cognito.CreateUserPoolClientAsync(_poolId);
        await _cognito.CreateConfirmedUserAsync(_poolId, "endpoint-user", Password);
        _api = await JwksVerifiedApi.StartAsync(_cognito.Endpoint, _poolId);
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _api.DisposeAsync();

    private ServiceProvider Services(AmplifyUserPoolTokenType tokenType = AmplifyUserPoolTokenType.Access)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions
            {
                PoolId = _poolId,
                AppClientId = _clientId,
                Region = "us-east-1",
                Endpoint = _cognito.Endpoint,
                AuthenticationFlowType = "USER_PASSWORD_AUTH",
            };
            o.AddEndpoint("api", _api.BaseAddress, AmplifyAuthorizationType.AmazonCognitoUserPools).TokenType = tokenType;
        });
        return services.BuildServiceProvider(validateScopes: true);
    }

    [Test]
    public async Task GetAsync_SignedIn_ApiVerifiesTheAccessTokenAgainstJwks()
    {
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();

        var signIn = await auth.SignInAsync("endpoint-user", Password);
        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("api", "/whoami");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(signIn.IsSignedIn, Is.True);
        Assert.That(body.GetProperty("token_use").GetString(), Is.EqualTo("access"));
        Assert.That(body.GetProperty("sub").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task GetAsync_IdTokenEndpoint_SendsTheIdToken()
    {
        await using var provider = Services(AmplifyUserPoolTokenType.Id);
        await provider.GetRequiredService<IAmplifyAuth>().SignInAsync("endpoint-user", Password);

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("api", "whoami");

        Assert.That(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("token_use").GetString(), Is.EqualTo("id"));
    }

    [Test]
    public async Task FetchSessionAsync_ForceRefresh_GetsNewTokensThatTheApiAccepts()
    {
        await using var provider = Services();
        var auth = provider.GetRequiredService<IAmplifyAuth>();
        await auth.SignInAsync("endpoint-user", Password);
        var before = (await auth.FetchSessionAsync()).UserPoolTokens!;

        await Task.Delay(1100); // cognito-local stamps iat/exp in whole seconds; a new second gives a new token.
        var after = (await auth.FetchSessionAsync(forceRefresh: true)).UserPoolTokens!;
        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("api", "/whoami");

        Assert.That(after.AccessToken, Is.Not.EqualTo(before.AccessToken));
        Assert.That(after.RefreshToken, Is.EqualTo(before.RefreshToken), "cognito-local does not rotate; the old refresh token is kept");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task GetAsync_NotSignedIn_ThrowsBeforeSending()
    {
        await using var provider = Services();

        Assert.ThrowsAsync<AmplifyNotSignedInException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("api", "/whoami"));
    }

    [Test]
    public async Task GetAsync_ForgedToken_IsRefusedByTheVerifyingApi()
    {
        await using var provider = Services();
        var options = new AmplifyRequestOptions();
        options.Headers["Authorization"] = "eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.c2ln";

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("api", "/whoami", options));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
