using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace AmplifyAuthHandlers;

/// <summary>
/// Builds an endpoint's Polly pipeline from its <see cref="AmplifyResilienceOptions"/>, outermost first: the total
/// timeout, the retry (AWS standard mode: full-jitter exponential backoff, <c>Retry-After</c> honoured up to
/// <see cref="AwsStandardRetry.MaxBackoff"/>), the attempt timeout.
/// </summary>
internal static class EndpointResiliencePipeline
{
    /// <summary>The key under which <see cref="EndpointResilienceHandler"/> hands the request to the retry predicate.</summary>
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("AmplifyAuthHandlers.Request");

    /// <summary>The pipeline of <paramref name="endpoint"/>; <see cref="ResiliencePipeline{T}.Empty"/> when its resilience is off.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(AmplifyEndpoint endpoint, TimeProvider timeProvider, ILogger logger, Func<double>? random = null)
    {
        var options = endpoint.Resilience;
        if (!options.Enabled)
        {
            return ResiliencePipeline<HttpResponseMessage>.Empty;
        }

        var next = random ?? Random.Shared.NextDouble;
        var name = endpoint.Name;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.TotalTimeout,
            OnTimeout = args =>
            {
                ResilienceLog.TotalTimeoutElapsed(logger, name, args.Timeout);
                return default;
            },
        });
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => new(ShouldRetry(args.Outcome, args.Context, endpoint, timeProvider, logger)),
                DelayGenerator = args => new(DelayOf(args.Outcome, args.AttemptNumber, timeProvider, next)),
                OnRetry = args =>
                {
                    var method = args.Context.Properties.TryGetValue(RequestKey, out var request) ? request.Method.Method : "(unknown)";
                    ResilienceLog.Retrying(logger, name, method, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    AmplifyTelemetry.RecordRetry(name, args.AttemptNumber + 2, "transient", args.Outcome.Exception is { } error ? AmplifyTelemetry.ErrorTypeOf(error) : ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions
        {
            Timeout = options.AttemptTimeout,
            OnTimeout = args =>
            {
                ResilienceLog.AttemptTimedOut(logger, name, args.Timeout);
                return default;
            },
        });
        return builder.Build();
    }

    /// <summary>Whether a method may be sent twice without changing the outcome (RFC 9110, 9.2.2).</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, AmplifyEndpoint endpoint, TimeProvider timeProvider, ILogger logger)
    {
        if (!IsTransient(outcome) || !context.Properties.TryGetValue(RequestKey, out var request))
        {
            return false;
        }

        var method = request.Method.Method;
        if (!endpoint.Resilience.RetryNonIdempotent && !IsIdempotent(request.Method))
        {
            ResilienceLog.NotRetriedNonIdempotent(logger, endpoint.Name, method, Describe(outcome));
            return false;
        }

        // Checked now rather than before the first attempt: the SigV4 signer buffers a one-shot body into bytes.
        if (!TokenHandler.CanReplay(request.Content))
        {
            ResilienceLog.NotRetriedBodyNotReplayable(logger, endpoint.Name, method, Describe(outcome), request.Content!.GetType().Name);
            return false;
        }

        if (RetryAfter(outcome.Result, timeProvider) is { } retryAfter && retryAfter > AwsStandardRetry.MaxBackoff)
        {
            // A hostile or confused server must not park the caller for an hour; the caller sees its answer instead.
            ResilienceLog.RetryAfterTooLong(logger, endpoint.Name, method, Describe(outcome), retryAfter, AwsStandardRetry.MaxBackoff);
            return false;
        }

        return true;
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: AmplifyHttpStatusException } => false,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result.StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };

    private static TimeSpan? DelayOf(Outcome<HttpResponseMessage> outcome, int attemptNumber, TimeProvider timeProvider, Func<double> random)
    {
        if (RetryAfter(outcome.Result, timeProvider) is { } retryAfter)
        {
            return retryAfter;
        }

        var throttled = outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests;
        return AwsStandardRetry.FullJitterDelay(attemptNumber, throttled, random());
    }

    /// <summary>The response's <c>Retry-After</c> as a delay from now (never negative); null when it has none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        return delay is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : "HTTP " + ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
}
