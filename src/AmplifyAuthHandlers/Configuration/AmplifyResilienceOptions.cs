namespace AmplifyAuthHandlers;

/// <summary>
/// How one endpoint's requests are retried and timed out (configuration section <c>Endpoints:&lt;name&gt;:Resilience</c>).
/// On by default, with the AWS SDKs' standard retry mode: 3 attempts in all, exponential backoff with full jitter
/// (base 100 ms, 1 s after a 429, at most 20 s), a server's <c>Retry-After</c> honoured up to 20 s.
/// </summary>
/// <remarks>
/// Retried: network errors (<see cref="HttpRequestException"/>), an attempt that timed out, and HTTP 429, 502, 503
/// and 504; only for GET, HEAD, OPTIONS, PUT, DELETE and TRACE unless <see cref="RetryNonIdempotent"/> is set, and
/// only when the body can be sent again. Every attempt resolves credentials or the token again and is signed
/// afresh. A 401 or 403 is never retried here. See docs/resilience.md.
/// </remarks>
public sealed class AmplifyResilienceOptions
{
    /// <summary>Gets or sets whether the endpoint's requests are retried and timed out by the library (configuration key <c>Resilience:Enabled</c>).</summary>
    /// <value>The default value is <see langword="true"/>. With <see langword="false"/> each request is sent once, with no timeout but <c>HttpClient.Timeout</c>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many times a failed attempt is retried (configuration key <c>Resilience:MaxRetryAttempts</c>, 0 to 10).</summary>
    /// <value>The default value is 2: three attempts in all, as the AWS SDKs' standard retry mode makes.</value>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>
    /// Gets or sets whether POST, PATCH and other non-idempotent requests are retried too (configuration key
    /// <c>Resilience:RetryNonIdempotent</c>). A retried POST may run twice on the backend when the first attempt
    /// reached it (a 502, 504, timeout or dropped connection does not prove it did not): opt in only for operations
    /// the backend makes idempotent.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RetryNonIdempotent { get; set; }

    /// <summary>Gets or sets how long one attempt may take before it is abandoned and, if it may be, retried (configuration key <c>Resilience:AttemptTimeout</c>, e.g. <c>00:00:30</c>).</summary>
    /// <value>The default value is 30 seconds: just beyond API Gateway's default 29-second integration timeout, so the gateway's own 504 is seen first.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a request may take in all, attempts and delays together (configuration key <c>Resilience:TotalTimeout</c>, e.g. <c>00:01:30</c>).</summary>
    /// <value>The default value is 90 seconds: under <c>HttpClient.Timeout</c>'s default 100 seconds, so this timeout is the one reported.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Copies every setting of <paramref name="source"/> into this instance.</summary>
    internal void CopyFrom(AmplifyResilienceOptions source)
    {
        Enabled = source.Enabled;
        MaxRetryAttempts = source.MaxRetryAttempts;
        RetryNonIdempotent = source.RetryNonIdempotent;
        AttemptTimeout = source.AttemptTimeout;
        TotalTimeout = source.TotalTimeout;
    }
}
