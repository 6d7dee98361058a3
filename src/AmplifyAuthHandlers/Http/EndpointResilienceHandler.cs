using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace AmplifyAuthHandlers;

/// <summary>
/// Runs the rest of an endpoint's chain with its retries and timeouts (<see cref="AmplifyResilienceOptions"/>): every
/// retry goes through the handlers below again, so each attempt gets freshly resolved credentials or token and a
/// fresh signature, and the headers an attempt added are gone before the next. Outermost first: the total timeout,
/// the retries (AWS standard mode, judged by <see cref="EndpointRetryRules"/>), the attempt timeout.
/// </summary>
/// <remarks>
/// <para>The same behaviour as a Polly pipeline of timeout, retry and timeout strategies (the one this replaced), with
/// Polly's <see cref="TimeoutRejectedException"/> for a timeout, but written as one loop: it runs on every request of
/// every endpoint, and the three strategies cost about 1.8 KB and four state machines per request where this costs
/// one state machine and one timer per attempt (docs/benchmarks.md, "The chain's own cost").</para>
/// <para>Only constructed for endpoints whose resilience is on; <see cref="AmplifyHandlerChain"/> leaves it out otherwise.</para>
/// </remarks>
internal sealed class EndpointResilienceHandler(AmplifyEndpoint endpoint, TimeProvider timeProvider, ILogger logger, Func<double>? random = null) : DelegatingHandler
{
    private readonly AmplifyResilienceOptions _options = endpoint.Resilience;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // One timer per attempt, not one for the attempt and one for the whole: the attempt's timer is set to whichever
        // of the two deadlines comes first, and the time left of the total is measured, not timed (a timer and its
        // cancellation source cost ~0.3 KB on every request, which almost never times out).
        var started = timeProvider.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var remaining = _options.TotalTimeout - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                // A back-off that ended late (timers fire late on a busy machine) left nothing of the total.
                throw TotalTimeoutElapsed(null);
            }

            var totalEndsFirst = remaining <= _options.AttemptTimeout;
            HttpResponseMessage? response = null;
            Exception? error = null;
            using (var scope = new TimeoutScope(totalEndsFirst ? remaining : _options.AttemptTimeout, timeProvider, cancellationToken))
            {
                try
                {
                    response = await base.SendAsync(request, scope.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException canceled) when (scope.TimedOut)
                {
                    if (totalEndsFirst)
                    {
                        throw TotalTimeoutElapsed(canceled);
                    }

                    ResilienceLog.AttemptTimedOut(logger, endpoint.Name, _options.AttemptTimeout);
                    error = TimedOut(_options.AttemptTimeout, canceled);
                }
#pragma warning disable CA1031 // Every failure is judged by the retry rules; what is not retried is rethrown as it was.
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested && !(totalEndsFirst && scope.TimedOut))
#pragma warning restore CA1031
                {
                    error = exception;
                }
            }

            if (attempt >= _options.MaxRetryAttempts || !EndpointRetryRules.ShouldRetry(response, error, request, endpoint, timeProvider, logger))
            {
                if (error is not null)
                {
                    ExceptionDispatchInfo.Throw(error);
                }

                return response!;
            }

            var delay = EndpointRetryRules.DelayOf(response, attempt, timeProvider, _random);
            EndpointRetryRules.RecordRetry(response, error, request, attempt, delay, endpoint.Name, logger);
            response?.Dispose();
            remaining = _options.TotalTimeout - timeProvider.GetElapsedTime(started);
            if (delay >= remaining)
            {
                // The total ends during the back-off: wait until it does, then give up as its timer would have.
                await Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, timeProvider, cancellationToken).ConfigureAwait(false);
                throw TotalTimeoutElapsed(null);
            }

            await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    private TimeoutRejectedException TotalTimeoutElapsed(Exception? inner)
    {
        ResilienceLog.TotalTimeoutElapsed(logger, endpoint.Name, _options.TotalTimeout);
        return TimedOut(_options.TotalTimeout, inner);
    }

    private static TimeoutRejectedException TimedOut(TimeSpan timeout, Exception? inner) =>
        inner is null
            ? new($"The operation didn't complete within the allowed timeout of '{timeout}'.", timeout)
            : new($"The operation didn't complete within the allowed timeout of '{timeout}'.", timeout, inner);

    /// <summary>A token cancelled by the outer token or, on <see cref="TimeProvider"/>'s clock, after a timeout.</summary>
#pragma warning disable CA1001 // It is IDisposable, and every use is a using; the analyzer misses it on a struct.
    private readonly struct TimeoutScope : IDisposable
#pragma warning restore CA1001
    {
        private readonly CancellationTokenSource _source;
        private readonly CancellationTokenRegistration _linked;
        private readonly CancellationToken _outer;

        public TimeoutScope(TimeSpan timeout, TimeProvider timeProvider, CancellationToken outer)
        {
            // Armed after creation, as Polly's timeout strategy does, so a test clock sees a timer created unarmed.
            _source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
            _source.CancelAfter(timeout);
            _linked = outer.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), _source);
            _outer = outer;
        }

        public CancellationToken Token => _source.Token;

        /// <summary>Whether the timeout, not the outer token, cancelled it.</summary>
        public bool TimedOut => _source.IsCancellationRequested && !_outer.IsCancellationRequested;

        public void Dispose()
        {
            _linked.Dispose();
            _source.Dispose();
        }
    }
}
