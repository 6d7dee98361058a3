using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Refit;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

[TestFixture]
public sealed class RefitClientTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;

    [Test]
    public async Task AddAmplifyAuthorization_RefitClient_UsesTheStageAndTheEndpointsChain()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123");
        using var mock = AmplifyTestHost.NewMock();
        services.AddRefitGeneratedClient<IOrdersApi>().AddAmplifyAuthorization("orders").ConfigurePrimaryHttpMessageHandler(() => mock);
        mock.Expect(HttpMethod.Get, Stage + "/orders/7").WithHeaders("x-api-key", "key-123").Respond("text/plain", "seven");
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var order = await provider.GetRequiredService<IOrdersApi>().GetOrderAsync(7);

        Assert.That(order, Is.EqualTo("seven"));
        mock.VerifyNoOutstandingExpectation();
    }
}

public interface IOrdersApi
{
    [Get("/orders/{id}")]
    Task<string> GetOrderAsync(int id);
}
