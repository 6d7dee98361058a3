using System.Diagnostics.CodeAnalysis;
using System.Net;
using Polly;
using Polly.Retry;

namespace AmplifyAuthHandlers;

/// <summary>
/// The numbers of the AWS SDKs' standard retry mode, shared by the endpoints' pipelines and the library's own
/// Cognito and STS clients: 3 attempts in all, exponential backoff with full jitter from a base of 100 ms (1 s after
/// throttling), each delay at most 20 s.
/// </summary>
internal static class AwsStandardRetry
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The base of the backoff after a transient error.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The base of the backoff after throttling: a throttled service needs the load to drop more.</summary>
    public static readonly TimeSpan ThrottledBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between two attempts, and the longest <c>Retry-After</c> the library waits.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Full jitter: a uniformly random delay between 0 and <c>min(MaxBackoff, base × 2^retry)</c>, which spreads the
    /// retries of many clients that failed together.
    /// </summary>
    /// <param name="retry">The retry's index: 0 for the first retry.</param>
    /// <param name="throttled">Whether the failure was throttling.</param>
    /// <param name="random">A number in [0, 1).</param>
    public static TimeSpan FullJitterDelay(int retry, bool throttled, double random)
    {
        var baseDelay = throttled ? ThrottledBaseDelay : BaseDelay;
        var ceiling = Math.Min(MaxBackoff.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(retry, 0, 30)));
        return TimeSpan.FromMilliseconds(Math.Clamp(random, 0, 1) * ceiling);
    }

    /// <summary>
    /// The error codes the AWS SDKs' standard retry mode treats as throttling, except <c>LimitExceededException</c>:
    /// Cognito uses it for per-user quotas (too many password attempts) that a retry seconds later does not lift.
    /// </summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
    };

    /// <summary>Whether an AWS error code (namespace removed) says the caller was throttled.</summary>
    public static bool IsThrottlingCode(string? code) => code is not null && ThrottlingCodes.Contains(code);

    /// <summary>Whether an HTTP status is one the standard retry mode retries whatever the error code: 500, 502, 503, 504.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// The retry pipeline of a service client: <see cref="MaxAttempts"/> attempts with <see cref="FullJitterDelay"/>
    /// between them, timed by <paramref name="timeProvider"/>.
    /// </summary>
    /// <typeparam name="T">What one attempt returns.</typeparam>
    /// <param name="timeProvider">The library's clock (tests pass a fake one).</param>
    /// <param name="classify">Whether an outcome is retried, and whether it was throttling.</param>
    /// <param name="onRetry">Called before each retry with the failed outcome, the number of the attempt that failed and the delay.</param>
    /// <param name="random">A source of numbers in [0, 1) for the jitter; <see cref="Random.Shared"/> when null.</param>
    public static ResiliencePipeline<T> CreatePipeline<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] T>(
        TimeProvider timeProvider,
        Func<Outcome<T>, (bool Retry, bool Throttled)> classify,
        Action<Outcome<T>, int, TimeSpan> onRetry,
        Func<double>? random = null)
    {
        var next = random ?? Random.Shared.NextDouble;
        return new ResiliencePipelineBuilder<T> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<T>
            {
                MaxRetryAttempts = MaxAttempts - 1,
                ShouldHandle = args => new(classify(args.Outcome).Retry),
                DelayGenerator = args => new(FullJitterDelay(args.AttemptNumber, classify(args.Outcome).Throttled, next())),
                OnRetry = args =>
                {
                    onRetry(args.Outcome, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }
}
