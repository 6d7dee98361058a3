using System.Diagnostics.CodeAnalysis;
using System.Net;
using AmplifyAuthHandlers.Tests.Http;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

/// <summary>A host's own <see cref="IAmplifyCallerContext"/> (not the ASP.NET Core one): its token reaches the wire, its problem the error.</summary>
[TestFixture]
public sealed class AmplifyCallerContextServiceCollectionExtensionsTests
{
    private const string Registration = "AddMyQueueCallerContext()";
    private const string PoolStage = "https://pool.example.com/prod";
    private const string OidcStage = "https://oidc.example.com/prod";

    private static AmplifyTestHost Build(CallerScript script, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("pool", new Uri(PoolStage), AmplifyAuthorizationType.AmazonCognitoUserPools);
            o.AddEndpoint("oidc", new Uri(OidcStage), AmplifyAuthorizationType.OpenIdConnect);
        });
        services.AddSingleton(script);
        services.AddAmplifyCallerContext<ScriptedCallerContext>(Registration);
        more?.Invoke(services);
        return AmplifyTestHost.Build(services, builder, null, ["pool", "oidc"]);
    }

    [TestCase("pool", PoolStage)]
    [TestCase("oidc", OidcStage)]
    public async Task SendAsync_CallerHasAToken_ItIsTheAuthorization(string endpoint, string stage)
    {
        var script = new CallerScript { Token = "caller-token-1" };
        using var host = Build(script);
        host.Mock.Expect(HttpMethod.Get, stage + "/me").With(r => TokenHandlerTests.AuthorizationOf(r) == "caller-token-1").Respond(HttpStatusCode.OK);

        using var response = await host.Client(endpoint).GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(script.TokenCalls, Is.GreaterThan(0));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase("pool", "Endpoint 'pool' (AMAZON_COGNITO_USER_POOLS)")]
    [TestCase("oidc", "Endpoint 'oidc' (OPENID_CONNECT)")]
    public void SendAsync_CallerWithoutAToken_ThrowsNotSignedInNamingTheRegistrationAndTheProblemAndSendsNothing(string endpoint, string where)
    {
        var script = new CallerScript { Problem = "the queue message has no 'x-caller' attribute" };
        using var host = Build(script);

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => host.Client(endpoint).GetAsync(new Uri("me", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain(where).And.Contain("(" + Registration + "), but the queue message has no 'x-caller' attribute").And.Contain("not sent"));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void AddAmplifyCallerContext_CalledTwice_TheFirstContextWins()
    {
        var script = new CallerScript { Token = "t" };
        using var host = Build(script, services => services.AddAmplifyCallerContext<OtherCallerContext>("Second()"));

        Assert.That(host.Provider.GetRequiredService<IAmplifyCallerContext>(), Is.TypeOf<ScriptedCallerContext>());
        Assert.That(host.Provider.GetServices<IAmplifyCallerContext>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void AddAmplifyCallerContext_ReturnsTheSameCollection()
    {
        var services = new ServiceCollection();

        Assert.That(services.AddAmplifyCallerContext<OtherCallerContext>(), Is.SameAs(services));
        Assert.That(services.AddAmplifyCallerContext<OtherCallerContext>(), Is.SameAs(services));
    }

    [Test]
    public void AddAmplifyCallerContext_MissingArguments_ThrowNamingTheParameter()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => AmplifyCallerContextServiceCollectionExtensions.AddAmplifyCallerContext<OtherCallerContext>(null!))!.ParamName, Is.EqualTo("services"));
        Assert.That(Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAmplifyCallerContext<OtherCallerContext>(string.Empty))!.ParamName, Is.EqualTo("registeredBy"));
    }

    /// <summary>What the fake context answers, and how often it was asked.</summary>
    internal sealed class CallerScript
    {
        public string? Token { get; init; }

        public string? Problem { get; init; }

        public int TokenCalls;
    }

    internal sealed class ScriptedCallerContext(CallerScript script) : IAmplifyCallerContext
    {
        public bool TryGetToken([NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? problem)
        {
            Interlocked.Increment(ref script.TokenCalls);
            token = script.Token;
            problem = token is null ? script.Problem ?? "no token" : null;
            return token is not null;
        }

        public bool TryGetIdToken([NotNullWhen(true)] out string? idToken, [NotNullWhen(false)] out string? problem) =>
            throw new AssertionException("no AWS_IAM endpoint here: the ID token is never asked for");
    }

    internal sealed class OtherCallerContext : IAmplifyCallerContext
    {
        public bool TryGetToken([NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? problem) =>
            throw new AssertionException("never the context used");

        public bool TryGetIdToken([NotNullWhen(true)] out string? idToken, [NotNullWhen(false)] out string? problem) =>
            throw new AssertionException("never the context used");
    }
}
