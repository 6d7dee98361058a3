using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

/// <summary>
/// Where the auth handlers end up, whatever else the app registers and in whatever order: below every
/// filter's handlers, the factory's logging, resilience and the user's handlers, just above the primary.
/// </summary>
/// <remarks>
/// Checked to fail: attaching the chain to <c>AdditionalHandlers</c> from the client's builder actions instead
/// (what <c>AddHttpMessageHandler</c> or <c>ConfigureAdditionalHttpMessageHandlers</c> do) fails three of these
/// tests — the factory's inner logging handler and the filter-added handlers end up inside the API-key
/// handler, and the Trace "Request Headers" record carries the key.
/// </remarks>
[TestFixture]
public sealed class AmplifyHttpClientFactoryOptionsSetupTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;
    private const string ApiKey = "key-never-logged-7f3a";

    private static void ApiKeyEndpoint(AmplifyRestApiOptions options) =>
        options.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = ApiKey;

    /// <summary>
    /// Registers, in this order: a filter at index 0, AddAmplifyRestApi, another filter at index 0 (the position the old
    /// Amplify filter relied on owning), a user handler, the standard resilience handler and the primary handler.
    /// </summary>
    private static Rig Build()
    {
        var services = new ServiceCollection();
        var logs = new CapturingLoggerProvider();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var before = new AppendingFilter();
        services.Insert(0, ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter>(before));
        var builder = services.AddAmplifyRestApi(ApiKeyEndpoint);
        var after = new AppendingFilter();
        services.Insert(0, ServiceDescriptor.Singleton<IHttpMessageHandlerBuilderFilter>(after));
        var user = new RecordingHandler();
        var mock = AmplifyTestHost.NewMock();
        builder.Endpoint("orders").AddHttpMessageHandler(() => user).AddStandardResilienceHandler();
        builder.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => mock);
        return new Rig(services.BuildServiceProvider(validateScopes: true), mock, before, after, user, logs);
    }

    [Test]
    public async Task SendAsync_FiltersBeforeAndAfterResilienceAndUserHandler_NoneSeesTheKey()
    {
        using var rig = Build();
        var (provider, mock, before, after, user) = (rig.Provider, rig.Mock, rig.Before, rig.After, rig.User);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", ApiKey).Respond(HttpStatusCode.OK);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").GetAsync("items");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(before.Recorder?.Seen, Has.Count.EqualTo(1));
        Assert.That(after.Recorder?.Seen, Has.Count.EqualTo(1));
        Assert.That(user.Seen, Has.Count.EqualTo(1));
        Assert.That(new[] { before.Recorder!.Seen[0], after.Recorder!.Seen[0], user.Seen[0] }, Has.None.ContainKey("x-api-key"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_TraceLoggingWithFiltersAndResilience_NoLogRecordHoldsTheKey()
    {
        using var rig = Build();
        var (provider, mock, logs) = (rig.Provider, rig.Mock, rig.Logs);
        mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", ApiKey).Respond(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.Add("x-visible", "visible-header-value");

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders").SendAsync(request);

        var records = logs.Records.ToList();
        Assert.That(records, Has.Some.Contains("visible-header-value"), "the capture must spell out header values, or the next assertion proves nothing");
        Assert.That(records, Has.None.Contains(ApiKey));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void CreateHandler_FiltersBeforeAndAfterResilienceAndUserHandler_AuthChainIsDirectlyAbovePrimary()
    {
        using var rig = Build();
        var provider = rig.Provider;

        var names = HandlerPipeline.Names(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("orders"));

        var chain = names.IndexOf("EndpointChainHandler");
        Assert.That(names.Skip(chain), Is.EqualTo(new[] { "EndpointChainHandler", "RedirectHandler", "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler", nameof(MockHttpMessageHandler) }), string.Join(" > ", names));
        var outside = names.Take(chain).ToList();
        Assert.That(outside, Has.Exactly(3).EqualTo(nameof(RecordingHandler)), string.Join(" > ", names));
        Assert.That(outside, Has.Some.Contains("Resilience"), string.Join(" > ", names));
        Assert.That(outside, Has.Exactly(2).Contains("Logging"), "HttpClientFactory's outer and inner logging handlers: " + string.Join(" > ", names));
    }

    [Test]
    public async Task SendAsync_UnrelatedClient_PassesThroughWithoutAuth()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(ApiKeyEndpoint);
        using var mock = AmplifyTestHost.NewMock();
        services.AddHttpClient("github").ConfigurePrimaryHttpMessageHandler(() => mock);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        mock.Expect(HttpMethod.Get, "http://127.0.0.1:5999/x").Respond(req => new HttpResponseMessage(req.Headers.Contains("x-api-key") ? HttpStatusCode.BadRequest : HttpStatusCode.OK));

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("github").GetAsync("http://127.0.0.1:5999/x");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        mock.VerifyNoOutstandingExpectation();
    }

    private sealed record Rig(ServiceProvider Provider, MockHttpMessageHandler Mock, AppendingFilter Before, AppendingFilter After, RecordingHandler User, CapturingLoggerProvider Logs) : IDisposable
    {
        public void Dispose()
        {
            Provider.Dispose();
            Mock.Dispose();
        }
    }

    /// <summary>A filter that, like a custom logging filter, appends its own handler after the rest of the configuration ran.</summary>
    private sealed class AppendingFilter : IHttpMessageHandlerBuilderFilter
    {
        public RecordingHandler? Recorder { get; private set; }

        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            Recorder = new RecordingHandler();
            builder.AdditionalHandlers.Add(Recorder);
        };
    }
}
