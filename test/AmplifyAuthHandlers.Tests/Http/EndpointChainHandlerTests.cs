using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Endpoints that appear, change or disappear through an <see cref="IConfiguration"/> reload: a request carries
/// the endpoint's current key or signature from its first request, and never leaves unauthenticated.
/// </summary>
[TestFixture]
public sealed class EndpointChainHandlerTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string Billing = "http://127.0.0.1:5101/prod";
    private const string Signed = "http://127.0.0.1:5102/v1";

    private static Dictionary<string, string?> Orders(string key) => new()
    {
        ["Amplify:Endpoints:orders:Endpoint"] = Stage,
        ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
        ["Amplify:Endpoints:orders:ApiKey"] = key,
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> values, params (string Key, string Value)[] more)
    {
        var copy = new Dictionary<string, string?>(values);
        foreach (var (key, value) in more)
        {
            copy[key] = value;
        }

        return copy;
    }

    private static Dictionary<string, string?> BillingEndpoint(Dictionary<string, string?> values) => With(
        values,
        ("Amplify:Endpoints:billing:Endpoint", Billing),
        ("Amplify:Endpoints:billing:AuthorizationType", "API_KEY"),
        ("Amplify:Endpoints:billing:ApiKey", "billing-key"));

    private static (ServiceProvider Provider, MockHttpMessageHandler Mock, ReloadableConfigurationSource Source) Build()
    {
        var source = new ReloadableConfigurationSource(Orders("k1"));
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        var mock = AmplifyTestHost.NewMock();
        services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => mock));
        return (services.BuildServiceProvider(validateScopes: true), mock, source);
    }

    /// <summary>
    /// Reloads into a configuration that fails validation: OptionsMonitor re-creates (so validates) the options
    /// inside the reload callback and the validation error surfaces there. What matters here is what the
    /// client does afterwards.
    /// </summary>
    private static void ReloadIgnoringListenerErrors(ReloadableConfigurationSource source, Dictionary<string, string?> values)
    {
        try
        {
            source.Replace(values);
        }
        catch (AggregateException)
        {
        }
    }

    [Test]
    public async Task SendAsync_EndpointAddedByReload_FirstRequestCarriesItsKey()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(BillingEndpoint(Orders("k1")));
        mock.Expect(HttpMethod.Get, Billing + "/items").WithHeaders("x-api-key", "billing-key").Respond(HttpStatusCode.OK);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("billing").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_IamEndpointAddedByReload_FirstRequestIsSigned()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(With(
            Orders("k1"),
            ("Amplify:Endpoints:signed:Endpoint", Signed),
            ("Amplify:Endpoints:signed:AuthorizationType", "AWS_IAM"),
            ("Amplify:Endpoints:signed:Region", "us-west-2"),
            ("Amplify:Credentials:AccessKeyId", "AKIDRELOADEXAMPLE"),
            ("Amplify:Credentials:SecretAccessKey", "reload-secret")));
        mock.Expect(HttpMethod.Get, Signed + "/items")
            .With(request => request.Headers.TryGetValues("Authorization", out var values)
                && values.Single() is var authorization
                && authorization.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDRELOADEXAMPLE/", StringComparison.Ordinal)
                && authorization.Contains("/us-west-2/execute-api/aws4_request", StringComparison.Ordinal))
            .Respond(HttpStatusCode.OK);

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("signed", "/items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_KeyChangedByReload_NextRequestCarriesTheNewKey()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k2").Respond(HttpStatusCode.OK);

        (await client.GetAsync("items")).Dispose();
        source.Replace(Orders("k2"));
        (await client.GetAsync("items")).Dispose();

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_BoundEndpointRemovedByReload_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "k1").Respond(HttpStatusCode.OK);
        (await client.GetAsync("items")).Dispose();

        ReloadIgnoringListenerErrors(source, BillingEndpoint([]));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync(Stage + "/items"));

        Assert.That(ex!.Message, Does.Contain("'orders'"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_EndpointAddedThenRemovedByReload_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, source) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;
        source.Replace(BillingEndpoint(Orders("k1")));
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("billing");
        mock.Expect(HttpMethod.Get, Billing + "/items").WithHeaders("x-api-key", "billing-key").Respond(HttpStatusCode.OK);
        (await client.GetAsync("items")).Dispose();

        source.Replace(Orders("k1"));
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync(Billing + "/items"));

        Assert.That(ex!.Message, Does.Contain("No REST endpoint named 'billing'"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void SendAsync_ReloadGivesCredentialsToAClientBuiltFollowingRedirects_ThrowsTypedErrorAndSendsNothing()
    {
        var source = new ReloadableConfigurationSource(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:open:Endpoint"] = Billing,
            ["Amplify:Endpoints:open:AuthorizationType"] = "NONE",
        });
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(new ConfigurationBuilder().Add(source).Build().GetSection("Amplify"));
        var sockets = new SocketsHttpHandler();
        services.AddHttpClient("open").ConfigurePrimaryHttpMessageHandler(() => sockets);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("open");
        Assert.That(sockets.AllowAutoRedirect, Is.True, "a NONE endpoint without key or headers keeps redirects");

        source.Replace(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:open:Endpoint"] = Billing,
            ["Amplify:Endpoints:open:AuthorizationType"] = "API_KEY",
            ["Amplify:Endpoints:open:ApiKey"] = "now-a-key",
        });
        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => client.GetAsync("items"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'open' now carries credentials").And.Not.Contain("now-a-key"));
    }

    [Test]
    public void SendAsync_UnknownEndpointThroughRestApi_ThrowsTypedErrorAndSendsNothing()
    {
        var (provider, mock, _) = Build();
        using var disposeProvider = provider;
        using var disposeMock = mock;

        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("billing", "/items"));

        Assert.That(ex!.Message, Does.Contain("No REST endpoint named 'billing'"));
        mock.VerifyNoOutstandingExpectation();
    }
}
