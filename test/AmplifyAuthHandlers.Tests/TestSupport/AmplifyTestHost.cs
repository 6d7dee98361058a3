using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>A real ServiceCollection with AddAmplifyRestApi, whose endpoints' primary handler is MockHttp.</summary>
internal sealed class AmplifyTestHost : IDisposable
{
    public const string StageEndpoint = "https://abc123.execute-api.us-west-2.amazonaws.com/dev";

    private AmplifyTestHost(ServiceProvider provider, MockHttpMessageHandler mock)
    {
        Provider = provider;
        Mock = mock;
    }

    public ServiceProvider Provider { get; }

    public MockHttpMessageHandler Mock { get; }

    public IHttpClientFactory Factory => Provider.GetRequiredService<IHttpClientFactory>();

    public HttpClient Client(string name) => Factory.CreateClient(name);

    public static MockHttpMessageHandler NewMock()
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("MockHttp: no expectation matched this request."));
        return mock;
    }

    /// <summary>Registers endpoints in code; every endpoint's client gets the mock as its primary handler.</summary>
    public static AmplifyTestHost Create(Action<AmplifyRestApiOptions> configure, Action<IAmplifyRestApiBuilder, MockHttpMessageHandler>? more = null)
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(configure);
        return Build(services, builder, more, EndpointNames(configure));
    }

    public static AmplifyTestHost Build(ServiceCollection services, IAmplifyRestApiBuilder builder, Action<IAmplifyRestApiBuilder, MockHttpMessageHandler>? more, IEnumerable<string> endpointNames)
    {
        var mock = NewMock();
        foreach (var name in endpointNames)
        {
            builder.Endpoint(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        }

        more?.Invoke(builder, mock);
        return new AmplifyTestHost(services.BuildServiceProvider(validateScopes: true), mock);
    }

    public void Dispose()
    {
        Provider.Dispose();
        Mock.Dispose();
    }

    private static IEnumerable<string> EndpointNames(Action<AmplifyRestApiOptions> configure)
    {
        var probe = new AmplifyRestApiOptions();
        configure(probe);
        return probe.Endpoints.Keys;
    }
}
