// QuickStart: an API Gateway stand-in on loopback that demands an API key, and a client that calls it
// the Amplify way — configuration file, AddAmplifyRestApi, IAmplifyRestApi — and prints what happened.
using AmplifyAuthHandlers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

var server = WebApplication.CreateSlimBuilder();
server.WebHost.UseUrls("http://127.0.0.1:0");
server.Logging.ClearProviders();
var api = server.Build();
api.MapGet("/dev/items", (HttpRequest request) =>
    request.Headers["x-api-key"] == "sample-key"
        ? Results.Json(Items)
        : Results.StatusCode(StatusCodes.Status403Forbidden));
await api.StartAsync();
var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

var configPath = Path.Combine(Path.GetTempPath(), $"amplifyconfiguration-{Environment.ProcessId}.json");
await File.WriteAllTextAsync(configPath, $$"""
    { "api": { "plugins": { "awsAPIPlugin": {
        "items": { "endpointType": "REST", "endpoint": "{{address}}/dev", "region": "us-west-2",
                   "authorizationType": "API_KEY", "apiKey": "sample-key" } } } } }
    """);

try
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.Logging.SetMinimumLevel(LogLevel.Error);
    builder.Services.AddAmplifyRestApi(configPath);
    using var host = builder.Build();
    await host.StartAsync();

    var rest = host.Services.GetRequiredService<IAmplifyRestApi>();
    using var response = await rest.GetAsync("items", "/items");
    Console.WriteLine($"GET /items -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

    try
    {
        var bare = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("items");
        await bare.GetAsync("https://example.com/elsewhere");
    }
    catch (AmplifyCrossOriginRequestException ex)
    {
        Console.WriteLine($"Cross-origin request refused: {ex.Message}");
    }

    await host.StopAsync();
}
finally
{
    File.Delete(configPath);
    await api.StopAsync();
}

internal static partial class Program
{
    private static readonly string[] Items = ["pen", "paper"];
}
