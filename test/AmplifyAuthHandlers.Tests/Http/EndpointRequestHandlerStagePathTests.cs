using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// Which URIs are stage-relative (docs/configuration.md, "Paths"): relative paths always; an absolute URI given to
/// <see cref="IAmplifyRestApi"/> never; on a named client HttpClient has already made every URI absolute, so a path on
/// the endpoint's origin outside the stage is taken as stage-relative.
/// </summary>
[TestFixture]
public sealed class EndpointRequestHandlerStagePathTests
{
    private const string Origin = "https://abc123.execute-api.us-west-2.amazonaws.com";
    private const string Stage = AmplifyTestHost.StageEndpoint;

    private static AmplifyTestHost Host() =>
        AmplifyTestHost.Create(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123");

    [TestCase("items")]
    [TestCase("/items")]
    public async Task SendAsync_NamedClientRelativePath_GoesInsideTheStage(string path)
    {
        using var host = Host();
        host.Mock.Expect(HttpMethod.Get, Origin + "/dev/items").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync(path);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_NamedClientAbsoluteUriOutsideTheStage_IsTakenAsStageRelative()
    {
        // HttpClient turns "/prod/x" into this very URI before any handler runs: the two cannot be told apart.
        using var host = Host();
        host.Mock.Expect(HttpMethod.Get, Origin + "/dev/prod/x").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync(Origin + "/prod/x");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase("/prod/x")]
    [TestCase("/")]
    [TestCase("/dev/x")]
    public async Task SendAsync_RestApiAbsoluteUriOnTheEndpointsOrigin_IsSentAsGiven(string path)
    {
        using var host = Host();
        host.Mock.Expect(HttpMethod.Get, Origin + path).WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Provider.GetRequiredService<IAmplifyRestApi>().GetAsync("orders", Origin + path);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase("/items")]
    [TestCase("items")]
    [TestCase("../prod/x")]
    public async Task SendAsync_RestApiRelativePath_StaysInsideTheStage(string path)
    {
        using var host = Host();
        var expected = path == "../prod/x" ? Origin + "/dev/prod/x" : Origin + "/dev/items";
        host.Mock.Expect(HttpMethod.Get, expected).WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Provider.GetRequiredService<IAmplifyRestApi>().GetAsync("orders", path);

        host.Mock.VerifyNoOutstandingExpectation();
    }
}
