using System.Net;
using AmplifyAuthHandlers.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Samples.ForwardingApi;

namespace AmplifyAuthHandlers.IntegrationTests.Samples;

/// <summary>
/// samples/ForwardingApi started on loopback with its in-process emulator; the test plays a client app that signed
/// its user in at the emulator's Cognito (with the library's IAmplifyAuth) and calls the API with the ID token.
/// </summary>
[TestFixture]
public sealed class ForwardingApiSampleTests
{
    private SampleArgs _args = null!;
    private ForwardingApiApp _app = null!;
    private LocalAmplifyBackend _emulator = null!;
    private HttpClient _http = null!;
    private ServiceProvider _client = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _args = new SampleArgs();
        _app = await ForwardingApiApp.CreateAsync(_args.For("--urls=http://127.0.0.1:0", "--Amplify:ConfigurationFile="), TextWriter.Null, CancellationToken.None);
        await _app.Web.StartAsync();
        _emulator = _app.Emulator ?? throw new InvalidOperationException("The sample should have started the emulator.");
        var address = _app.Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };

        // The caller: a client app with the same user pool and identity pool.
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions
            {
                PoolId = _emulator.Cognito.UserPoolId,
                AppClientId = _emulator.Cognito.DefaultClient.ClientId,
                Region = _emulator.Region,
                Endpoint = _emulator.Cognito.CognitoIdentityProviderUrl,
            };
            o.Auth.IdentityPool = new CognitoIdentityPoolOptions
            {
                PoolId = _emulator.Cognito.IdentityPoolId,
                Region = _emulator.Region,
                Endpoint = _emulator.Cognito.CognitoIdentityUrl,
            };
        });
        _client = services.BuildServiceProvider(validateScopes: true);
        var demo = _emulator.Users[0];
        var signIn = await _client.GetRequiredService<IAmplifyAuth>().SignInAsync(demo.Username, demo.Password);
        Assert.That(signIn.IsSignedIn, Is.True);
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        _http?.Dispose();
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.Web.StopAsync();
            await _app.DisposeAsync();
        }

        _args?.Dispose();
    }

    [SetUp]
    public void SetUp() => _emulator.Gateway.ClearRequests();

    [Test]
    public async Task GetOrders_CallerWithIdToken_ReturnsTheUserPoolApisAnswerForTheCaller()
    {
        using var response = await SendAsync("/orders", "Bearer " + await CallerIdTokenAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answer = EchoAnswer.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(answer.AuthorizationType, Is.EqualTo("AMAZON_COGNITO_USER_POOLS"));
        Assert.That(answer.Principal, Is.EqualTo(_emulator.Users[0].Sub));
        Assert.That(answer.Role, Is.EqualTo("id"), "the caller's own token, forwarded as it came");
        Assert.That(answer.Path, Is.EqualTo("/orders"));
    }

    [Test]
    public async Task GetReports_CallerWithIdToken_SignsWithTheCallersAuthenticatedRole()
    {
        var session = await _client.GetRequiredService<IAmplifyAuth>().FetchSessionAsync();

        using var response = await SendAsync("/reports", "Bearer " + session.UserPoolTokens!.IdToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answer = EchoAnswer.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(answer.AuthorizationType, Is.EqualTo("AWS_IAM"));
        Assert.That(answer.Role, Is.EqualTo("authenticated"));
        Assert.That(answer.Principal, Is.EqualTo(session.IdentityId).And.Not.Null, "the caller's own identity in the identity pool");
    }

    [TestCase("/orders", null)]
    [TestCase("/reports", null)]
    [TestCase("/orders", "Basic ZGVtbzpwYXNzd29yZA==")]
    [TestCase("/reports", "Bearer ")]
    public async Task Get_NoCallerToken_Returns401AndSendsNothingDownstream(string path, string? authorization)
    {
        using var response = await SendAsync(path, authorization);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_emulator.Gateway.Requests, Is.Empty);
    }

    [Test]
    public async Task GetOrders_TokenTheDownstreamRefuses_Returns401FromDownstream()
    {
        using var response = await SendAsync("/orders", "Bearer not-a-cognito-token");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(_emulator.Gateway.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 401 }), "the user-pool API saw the token and refused it");
    }

    [Test]
    public async Task CallAsDemoUserAsync_Emulator_ShowsBothAnswersAndTheRefusalWithoutPrintingTheToken()
    {
        using var output = new StringWriter();

        var statuses = await _app.CallAsDemoUserAsync(output, CancellationToken.None);

        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 401 }));
        Assert.That(output.ToString(), Does.Contain("\"role\":\"authenticated\"").And.Contain("\"authorizationType\":\"AMAZON_COGNITO_USER_POOLS\""));
        Assert.That(output.ToString(), Does.Not.Contain("eyJ").And.Not.Contain(_emulator.Users[0].Password), "no JWT (they start with eyJ) and no password");
    }

    private async Task<string> CallerIdTokenAsync() =>
        (await _client.GetRequiredService<IAmplifyAuth>().FetchSessionAsync()).UserPoolTokens!.IdToken;

    private async Task<HttpResponseMessage> SendAsync(string path, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _http.SendAsync(request);
    }
}
