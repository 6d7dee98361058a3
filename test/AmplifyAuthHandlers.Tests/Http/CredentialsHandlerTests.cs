using System.Collections.Concurrent;
using System.Net;
using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Credentials a registered provider returns are checked before signing: expired ones (by the library's
/// <see cref="TimeProvider"/>) are asked for once more, then refused; empty, whitespace, control-character and
/// non-ASCII keys are refused. Always <see cref="AwsCredentialsUnavailableException"/> naming the endpoint and the
/// provider, never a value, and nothing is sent.
/// </summary>
/// <remarks>Checked to fail: before the check, expired credentials were signed with and sent, a CR in a session token went on the wire, and an empty key threw a bare ArgumentException.</remarks>
[TestFixture]
public sealed class CredentialsHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private MockHttpMessageHandler _api = null!;
    private ConcurrentQueue<string> _accessKeys = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Now);
        _api = AmplifyTestHost.NewMock();
        _accessKeys = new();
        _api.When(Stage + "/*").Respond(request =>
        {
            var authorization = string.Join(",", request.Headers.GetValues("Authorization"));
            _accessKeys.Enqueue(authorization.Split("Credential=")[1].Split('/')[0]);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
    }

    [TearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task SendAsync_ProviderReturnsExpiredThenFresh_AsksAgainAndSignsWithTheFreshOnes()
    {
        var provider = new SequenceCredentialsProvider(
            new AwsCredentials("AKIDEXPIRED", "secret-1", "token-1", Now.AddSeconds(-1)),
            new AwsCredentials("AKIDFRESH", "secret-2", "token-2", Now.AddHours(1)));
        await using var services = Build(provider);

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(provider.Calls, Is.EqualTo(2));
        Assert.That(_accessKeys, Is.EqualTo(new[] { "AKIDFRESH" }));
    }

    [Test]
    public void SendAsync_ProviderKeepsReturningExpired_ThrowsNamingEndpointAndProviderAfterOneMoreAsk()
    {
        var expired = new AwsCredentials("AKIDEXPIRED", "secret-never-shown", "token-never-shown", Now);
        var provider = new SequenceCredentialsProvider(expired, expired, expired);
        using var services = Build(provider);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list"));

        Assert.That(provider.Calls, Is.EqualTo(2), "asked once more, not forever");
        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain(typeof(SequenceCredentialsProvider).FullName!).And.Contain("expired"));
        Assert.That(ex.Message, Does.Not.Contain("never-shown"));
        Assert.That(_accessKeys, Is.Empty, "nothing was sent");
    }

    [Test]
    public async Task SendAsync_CredentialsExpireLaterByTheLibraryClock_AreUsedWithoutAskingAgain()
    {
        var provider = new SequenceCredentialsProvider(new AwsCredentials("AKIDVALID", "secret", "token", Now.AddSeconds(1)));
        await using var services = Build(provider);

        using var response = await services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list");

        Assert.That(provider.Calls, Is.EqualTo(1));
        Assert.That(_accessKeys, Is.EqualTo(new[] { "AKIDVALID" }));
    }

    [TestCase("", "secret-value-x")]
    [TestCase("   ", "secret-value-x")]
    [TestCase("AKIDOK", "")]
    [TestCase("AKIDOK", " \t")]
    [TestCase("AKID\r\nX-Injected: 1", "secret-value-x")]
    [TestCase("AKIDOK", "secret-value-x\n")]
    [TestCase("AKIDOK", "secret-value-x\u00e9")]
    public void SendAsync_ProviderReturnsUnusableKeyOrSecret_ThrowsTypedNamingEndpointAndProvider(string accessKey, string secret)
    {
        var provider = new SequenceCredentialsProvider(new AwsCredentials(accessKey, secret));
        using var services = Build(provider);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list"));

        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain(nameof(SequenceCredentialsProvider)).And.Not.Contain("secret-value"));
        Assert.That(_accessKeys, Is.Empty);
    }

    [TestCase("token\r\nX-Injected: 1")]
    [TestCase("token\0")]
    [TestCase("t\u00f6ken")]
    public void SendAsync_ProviderReturnsSessionTokenWithControlOrNonAscii_ThrowsWithoutEchoingIt(string token)
    {
        var provider = new SequenceCredentialsProvider(new AwsCredentials("AKIDOK", "secret", "session-" + token));
        using var services = Build(provider);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list"));

        Assert.That(ex!.Message, Does.Contain("session token").And.Contain("'items'").And.Not.Contain("session-"));
        Assert.That(_accessKeys, Is.Empty);
    }

    [Test]
    public void SendAsync_NullRequest_ThrowsArgumentNullNamingTheRequest()
    {
        using var handler = new CredentialsHandler("items", new SequenceCredentialsProvider(new AwsCredentials("AKIDOK", "secret")), _time);

        var error = Assert.ThrowsAsync<ArgumentNullException>(() => ProtectedSend.SendAsync(handler, null));

        Assert.That(error!.ParamName, Is.EqualTo("request"));
    }

    [Test]
    public async Task SendAsync_RequestWithoutAutomaticAuth_DropsCredentialsAnEarlierAttemptLeftAndAsksNothing()
    {
        var provider = new SequenceCredentialsProvider(new AwsCredentials("AKIDOK", "secret"));
        bool? innerSawCredentials = null;
        _api.When("https://elsewhere.example.com/*").Respond(request =>
        {
            innerSawCredentials = request.Options.TryGetValue(AmplifyRequestOptionKeys.Credentials, out _);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        using var invoker = new HttpMessageInvoker(new CredentialsHandler("items", provider, _time) { InnerHandler = _api });
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://elsewhere.example.com/list");
        request.Options.Set(AmplifyRequestOptionKeys.State, new AmplifyRequestState(false, false) { IsEndpointOrigin = false });
        request.Options.Set(AmplifyRequestOptionKeys.Credentials, new AwsCredentials("AKIDSTALE", "stale-secret"));

        (await invoker.SendAsync(request, CancellationToken.None)).Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(innerSawCredentials, Is.False, "a request the chain does not authorize carries no credentials to the signer");
            Assert.That(provider.Calls, Is.Zero);
        });
    }

    [Test]
    public void SendAsync_ProviderReturnsNull_ThrowsUnavailableNamingEndpointAndSendsNothing()
    {
        var provider = new SequenceCredentialsProvider([null!]);
        using var services = Build(provider);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => services.GetRequiredService<IHttpClientFactory>().CreateClient("items").GetAsync("list"));

        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain(nameof(SequenceCredentialsProvider)));
        Assert.That(_accessKeys, Is.Empty);
    }

    [Test]
    public void Send_Synchronous_ThrowsNotSupportedSayingUseSendAsync()
    {
        using var invoker = new HttpMessageInvoker(new CredentialsHandler("items", new SequenceCredentialsProvider(new AwsCredentials("AKIDOK", "secret")), _time) { InnerHandler = _api });
        using var request = new HttpRequestMessage(HttpMethod.Get, Stage + "/list");

        var ex = Assert.Throws<NotSupportedException>(() => invoker.Send(request, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("asynchronous").And.Contain("use SendAsync"));
    }

    private ServiceProvider Build(IAwsCredentialsProvider provider)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        var builder = services.AddAmplifyRestApi(o => o.AddEndpoint("items", new Uri(Stage), AmplifyAuthorizationType.AwsIam));
        builder.AddAwsCredentialsProvider(provider, "items");
        builder.Endpoint("items").ConfigurePrimaryHttpMessageHandler(() => _api);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>Returns the given credentials in order (the last one again when they run out) and counts the calls.</summary>
    private sealed class SequenceCredentialsProvider(params AwsCredentials[] answers) : IAwsCredentialsProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            var index = Interlocked.Increment(ref _calls) - 1;
            return ValueTask.FromResult(answers[Math.Min(index, answers.Length - 1)]);
        }
    }
}
