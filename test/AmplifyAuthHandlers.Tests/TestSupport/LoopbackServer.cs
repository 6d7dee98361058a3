using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port (one origin), recording every request it receives before
/// <c>respond</c> answers it: what a redirect target really got on the wire, not what a mock was handed.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<LoopbackRequest> _received = new();
    private WebApplication? _app;

    private LoopbackServer()
    {
    }

    /// <summary>The origin, e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public string Origin { get; private set; } = string.Empty;

    public IReadOnlyList<LoopbackRequest> Received => [.. _received];

    /// <summary>Starts a server whose answers come from <paramref name="respond"/> (given the recorded request); 200 when it sets nothing.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<LoopbackRequest, HttpResponse>? respond = null)
    {
        var server = new LoopbackServer();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var request = new LoopbackRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
            server._received.Enqueue(request);
            respond?.Invoke(request, context.Response);
        });
        await app.StartAsync();
        server._app = app;
        server.Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>Answers with <paramref name="status"/> and <c>Location: location</c>.</summary>
    public static void Redirect(HttpResponse response, int status, string location)
    {
        response.StatusCode = status;
        response.Headers.Location = location;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
