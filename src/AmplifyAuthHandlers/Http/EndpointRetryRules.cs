using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly.Timeout;

namespace AmplifyAuthHandlers;

/// <summary>
/// When <see cref="EndpointResilienceHandler"/> sends a request again, and after how long: AWS standard mode
/// (full-jitter exponential backoff, <c>Retry-After</c> honoured up to <see cref="AwsStandardRetry.MaxBackoff"/>), only
/// for transient failures, idempotent methods (unless <see cref="AmplifyResilienceOptions.RetryNonIdempotent"/>) and
/// bodies that can be sent twice.
/// </summary>
internal static class EndpointRetryRules
{
    /// <summary>Whether an attempt that ended with <paramref name="response"/> or <paramref name="error"/> is sent again; logs why not when it could have been.</summary>
    public static bool ShouldRetry(HttpResponseMessage? response, Exception? error, HttpRequestMessage request, AmplifyEndpoint endpoint, TimeProvider timeProvider, ILogger logger)
    {
        if (!IsTransient(response, error))
        {
            return false;
        }

        var method = request.Method.Method;
        if (!endpoint.Resilience.RetryNonIdempotent && !IsIdempotent(request.Method))
        {
            ResilienceLog.NotRetriedNonIdempotent(logger, endpoint.Name, method, Describe(response, error));
            return false;
        }

        // Checked now rather than before the first attempt: the SigV4 signer buffers a one-shot body into bytes.
        if (!TokenHandler.CanReplay(request.Content))
        {
            ResilienceLog.NotRetriedBodyNotReplayable(logger, endpoint.Name, method, Describe(response, error), request.Content!.GetType().Name);
            return false;
        }

        if (RetryAfter(response, timeProvider) is { } retryAfter && retryAfter > AwsStandardRetry.MaxBackoff)
        {
            // A hostile or confused server must not park the caller for an hour; the caller sees its answer instead.
            ResilienceLog.RetryAfterTooLong(logger, endpoint.Name, method, Describe(response, error), retryAfter, AwsStandardRetry.MaxBackoff);
            return false;
        }

        return true;
    }

    /// <summary>How long to wait before the retry that follows attempt <paramref name="attempt"/> (0 for the first).</summary>
    public static TimeSpan DelayOf(HttpResponseMessage? response, int attempt, TimeProvider timeProvider, Func<double> random)
    {
        if (RetryAfter(response, timeProvider) is { } retryAfter)
        {
            return retryAfter;
        }

        var throttled = response?.StatusCode == HttpStatusCode.TooManyRequests;
        return AwsStandardRetry.FullJitterDelay(attempt, throttled, random());
    }

    /// <summary>Logs and counts the retry that follows attempt <paramref name="attempt"/> (0 for the first).</summary>
    public static void RecordRetry(HttpResponseMessage? response, Exception? error, HttpRequestMessage request, int attempt, TimeSpan delay, string endpointName, ILogger logger)
    {
        ResilienceLog.Retrying(logger, endpointName, request.Method.Method, attempt + 1, Describe(response, error), delay);
        AmplifyTelemetry.RecordRetry(endpointName, attempt + 2, "transient", error is not null ? AmplifyTelemetry.ErrorTypeOf(error) : ((int)response!.StatusCode).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether a method may be sent twice without changing the outcome (RFC 9110, 9.2.2).</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;

    /// <summary>The response's <c>Retry-After</c> as a delay from now (never negative); null when it has none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        return delay is { } value && value < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private static bool IsTransient(HttpResponseMessage? response, Exception? error) => error switch
    {
        AmplifyHttpStatusException => false,
        HttpRequestException or TimeoutRejectedException => true,
        not null => false,
        _ => response?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
    };

    private static string Describe(HttpResponseMessage? response, Exception? error) =>
        error is not null
            ? error.GetType().Name
            : "HTTP " + ((int)response!.StatusCode).ToString(CultureInfo.InvariantCulture);
}
