using System.Reflection;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// Calls a handler's protected <c>SendAsync</c> directly, as a delegating handler above it would, so a test can hand
/// it what HttpMessageInvoker would refuse first (a null request) and see the handler's own guard.
/// </summary>
internal static class ProtectedSend
{
    public static Task<HttpResponseMessage> SendAsync(HttpMessageHandler handler, HttpRequestMessage? request)
    {
        var method = handler.GetType().GetMethod("SendAsync", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(HttpRequestMessage), typeof(CancellationToken)])!;
        try
        {
            return (Task<HttpResponseMessage>)method.Invoke(handler, [request, CancellationToken.None])!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            return Task.FromException<HttpResponseMessage>(ex.InnerException);
        }
    }
}
