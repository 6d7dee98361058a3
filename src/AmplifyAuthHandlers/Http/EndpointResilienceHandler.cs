using Polly;

namespace AmplifyAuthHandlers;

/// <summary>
/// Runs the rest of an endpoint's chain inside its resilience pipeline (<see cref="EndpointResiliencePipeline"/>):
/// every retry goes through the handlers below again, so each attempt gets freshly resolved credentials or token
/// and a fresh signature, and the headers an attempt added are gone before the next.
/// </summary>
/// <remarks>
/// Not <c>Microsoft.Extensions.Http.Resilience.ResilienceHandler</c>: that type is experimental (EXTEXP0001) and
/// joins the <see cref="ResilienceContext"/> of a resilience handler outside the chain; this one keeps its own.
/// </remarks>
internal sealed class EndpointResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(EndpointResiliencePipeline.RequestKey, request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendInnerAsync(state.Request, context.CancellationToken).ConfigureAwait(false));
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome the retry predicate judges; the last one is rethrown below.
                    catch (Exception exception)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
