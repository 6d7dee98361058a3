namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>The primary handler's wrapper: changes the request after the library signed it, as a man in the middle would.</summary>
internal sealed class TamperingHandler(Func<HttpRequestMessage, Task> tamper) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await tamper(request);
        return await base.SendAsync(request, cancellationToken);
    }
}
