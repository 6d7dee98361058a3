
namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>The type names of a client's handlers, outermost first, with the endpoint's chain spelled out where it runs.</summary>
internal static class HandlerPipeline
{
    public static List<string> Names(HttpMessageHandler? top)
    {
        var names = new List<string>();
        for (var handler = top; handler is not null; handler = (handler as DelegatingHandler)?.InnerHandler)
        {
            names.Add(handler.GetType().Name);
            if (handler is EndpointChainHandler chain)
            {
                names.AddRange(chain.CurrentHandlers.Select(h => h.GetType().Name));
            }
        }

        return names;
    }
}
