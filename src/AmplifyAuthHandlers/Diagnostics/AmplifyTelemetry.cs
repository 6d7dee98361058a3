using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AmplifyAuthHandlers;

/// <summary>
/// The library's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named <c>AmplifyAuthHandlers</c>,
/// with the names of every span, instrument and tag (docs/telemetry.md lists them), and the small helpers each
/// instrumentation point calls in one or two lines. Tag values are endpoint names, auth modes, outcomes, Cognito
/// operation names, hosts and exception type names: never a key, token, password, signature or session token.
/// </summary>
internal static class AmplifyTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "AmplifyAuthHandlers";

    /// <summary>Span: one request waiting for the endpoint's AWS credentials (cache hit or refresh).</summary>
    public const string CredentialsResolveSpan = "amplify.credentials.resolve";

    /// <summary>Span: one request waiting for the endpoint's token (user pool, OIDC or function provider).</summary>
    public const string TokenResolveSpan = "amplify.token.resolve";

    /// <summary>Span: one refresh of AWS credentials from their source.</summary>
    public const string CredentialsRefreshSpan = "amplify.credentials.refresh";

    /// <summary>Span: one refresh of the user-pool session's tokens.</summary>
    public const string TokenRefreshSpan = "amplify.auth.refresh";

    /// <summary>Span: one <c>SignInAsync</c>.</summary>
    public const string SignInSpan = "amplify.auth.sign_in";

    /// <summary>Span: one SigV4 signature.</summary>
    public const string SigningSpan = "amplify.sigv4.sign";

    /// <summary>Span: one Cognito (or STS) call; the operation is in <see cref="OperationTag"/>.</summary>
    public const string CognitoSpan = "amplify.cognito.call";

    /// <summary>Tag: the endpoint's name as configured.</summary>
    public const string EndpointTag = "amplify.endpoint";

    /// <summary>Tag: the endpoint's <c>authorizationType</c> wire name, for example <c>AWS_IAM</c>.</summary>
    public const string AuthModeTag = "amplify.auth_mode";

    /// <summary>Tag: <c>success</c> or <c>failure</c>.</summary>
    public const string OutcomeTag = "amplify.outcome";

    /// <summary>Tag (OpenTelemetry): the error code (an AWS error type) or the exception's type name.</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>Tag: where AWS credentials come from, as the library describes the source (for example <c>Cognito identity pool us-east-1:…</c>).</summary>
    public const string CredentialsSourceTag = "amplify.credentials.source";

    /// <summary>Tag (OpenTelemetry RPC convention): the AWS service's <c>X-Amz-Target</c> prefix.</summary>
    public const string ServiceTag = "rpc.service";

    /// <summary>Tag (OpenTelemetry RPC convention): the operation, for example <c>InitiateAuth</c>.</summary>
    public const string OperationTag = "rpc.method";

    /// <summary>Tag (OpenTelemetry RPC convention): always <c>aws-api</c>.</summary>
    public const string RpcSystemTag = "rpc.system";

    /// <summary>Tag (OpenTelemetry): the host a request went to.</summary>
    public const string HostTag = "server.address";

    /// <summary>Tag (OpenTelemetry): the response's HTTP status code.</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag: why a request was sent again (for example <c>transient</c>, <c>clock_skew</c>, <c>token_refreshed</c>).</summary>
    public const string RetryReasonTag = "amplify.retry.reason";

    /// <summary>Tag: the attempt number of a retry (2 for the first retry).</summary>
    public const string AttemptTag = "amplify.attempt";

    /// <summary>Tag: what a request waited for, <c>credentials</c> or <c>token</c>.</summary>
    public const string WaitKindTag = "amplify.wait.kind";

    /// <summary>Counter: AWS credential refreshes that succeeded.</summary>
    public const string CredentialsRefreshesInstrument = "amplify.credentials.refreshes";

    /// <summary>Counter: AWS credential refreshes that failed.</summary>
    public const string CredentialsRefreshFailuresInstrument = "amplify.credentials.refresh_failures";

    /// <summary>Counter: user-pool token refreshes that succeeded.</summary>
    public const string TokenRefreshesInstrument = "amplify.tokens.refreshes";

    /// <summary>Counter: user-pool token refreshes that failed.</summary>
    public const string TokenRefreshFailuresInstrument = "amplify.tokens.refresh_failures";

    /// <summary>Counter: 401 and 403 answers of endpoints, by error type.</summary>
    public const string AuthFailuresInstrument = "amplify.auth.failures";

    /// <summary>Counter: clock-skew corrections (a 403 that blamed the signing time, re-signed).</summary>
    public const string ClockSkewCorrectionsInstrument = "amplify.clock_skew.corrections";

    /// <summary>Counter: requests sent again.</summary>
    public const string RetriesInstrument = "amplify.request.retries";

    /// <summary>Histogram (seconds): how long a request waited for its credentials or token.</summary>
    public const string AuthWaitInstrument = "amplify.auth.wait.duration";

    /// <summary>Outcome value of a success.</summary>
    public const string Success = "success";

    /// <summary>Outcome value of a failure.</summary>
    public const string Failure = "failure";

    /// <summary>The assembly's version, the version of the source and the meter.</summary>
    public static readonly string Version = typeof(AmplifyTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The activity source; <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null (no cost) when nothing listens.</summary>
    public static readonly ActivitySource Source = new(Name, Version);

    /// <summary>The meter; instruments cost nothing measurable when nothing listens.</summary>
    public static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> CredentialsRefreshes = Meter.CreateCounter<long>(CredentialsRefreshesInstrument, "{refresh}", "AWS credential refreshes that succeeded.");
    private static readonly Counter<long> CredentialsRefreshFailures = Meter.CreateCounter<long>(CredentialsRefreshFailuresInstrument, "{refresh}", "AWS credential refreshes that failed.");
    private static readonly Counter<long> TokenRefreshes = Meter.CreateCounter<long>(TokenRefreshesInstrument, "{refresh}", "User-pool token refreshes that succeeded.");
    private static readonly Counter<long> TokenRefreshFailures = Meter.CreateCounter<long>(TokenRefreshFailuresInstrument, "{refresh}", "User-pool token refreshes that failed.");
    private static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>(AuthFailuresInstrument, "{response}", "401 and 403 answers of endpoints.");
    private static readonly Counter<long> ClockSkewCorrections = Meter.CreateCounter<long>(ClockSkewCorrectionsInstrument, "{correction}", "Requests re-signed after a clock-skew error.");
    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(RetriesInstrument, "{retry}", "Requests sent again.");
    private static readonly Histogram<double> AuthWait = Meter.CreateHistogram<double>(AuthWaitInstrument, "s", "How long a request waited for its credentials or token.");

    /// <summary>Starts an internal span tagged with the endpoint and auth mode (either may be null); null when nothing listens.</summary>
    public static Activity? StartActivity(string name, string? endpoint = null, string? authMode = null)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is not null)
        {
            if (endpoint is not null)
            {
                activity.SetTag(EndpointTag, endpoint);
            }

            if (authMode is not null)
            {
                activity.SetTag(AuthModeTag, authMode);
            }
        }

        return activity;
    }

    /// <summary>Starts the client span of one Cognito or STS call.</summary>
    public static Activity? StartCognitoCall(string service, string operation)
    {
        var activity = Source.StartActivity(CognitoSpan, ActivityKind.Client);
        activity?.SetTag(RpcSystemTag, "aws-api");
        activity?.SetTag(ServiceTag, service);
        activity?.SetTag(OperationTag, operation);
        return activity;
    }

    /// <summary>Marks the span a success.</summary>
    public static void Succeeded(Activity? activity) => activity?.SetTag(OutcomeTag, Success);

    /// <summary>Marks the span failed with an error code (an AWS error type); returns false, so it can sit in an exception filter.</summary>
    public static bool Failed(Activity? activity, string errorType)
    {
        if (activity is not null)
        {
            activity.SetTag(OutcomeTag, Failure);
            activity.SetTag(ErrorTypeTag, errorType);
            activity.SetStatus(ActivityStatusCode.Error);
        }

        return false;
    }

    /// <summary>Marks the span failed with an exception (its error code, or its type name: never its message); returns false, for exception filters.</summary>
    public static bool Failed(Activity? activity, Exception exception) => Failed(activity, ErrorTypeOf(exception));

    /// <summary>
    /// Runs <paramref name="resolve"/> (a request waiting for its credentials or token) inside a span, and records how long it
    /// waited in <see cref="AuthWaitInstrument"/>, with the outcome. When nothing listens to the span or the instrument
    /// (the usual case) it is a direct call: no state machine, no clock read.
    /// </summary>
    /// <remarks><paramref name="state"/> is passed through so callers need no closure per request.</remarks>
    public static ValueTask<T> WaitForAuthAsync<TState, T>(
        string spanName, string endpoint, string authMode, TState state, Func<TState, CancellationToken, ValueTask<T>> resolve, CancellationToken cancellationToken) =>
        Source.HasListeners() || AuthWait.Enabled
            ? ObserveAuthWaitAsync(spanName, endpoint, authMode, state, resolve, cancellationToken)
            : resolve(state, cancellationToken);

    private static async ValueTask<T> ObserveAuthWaitAsync<TState, T>(
        string spanName, string endpoint, string authMode, TState state, Func<TState, CancellationToken, ValueTask<T>> resolve, CancellationToken cancellationToken)
    {
        using var activity = StartActivity(spanName, endpoint, authMode);
        var started = TimeProvider.System.GetTimestamp();
        var kind = spanName == CredentialsResolveSpan ? "credentials" : "token";
        try
        {
            var result = await resolve(state, cancellationToken).ConfigureAwait(false);
            Succeeded(activity);
            RecordWait(started, endpoint, authMode, kind, Success, errorType: null);
            return result;
        }
        catch (Exception ex) when (Failed(activity, ex) || RecordWait(started, endpoint, authMode, kind, Failure, ErrorTypeOf(ex)))
        {
            throw;
        }
    }

    /// <summary>Counts a credential refresh and marks its span.</summary>
    public static void CredentialsRefreshed(Activity? activity, string source)
    {
        Succeeded(activity);
        CredentialsRefreshes.Add(1, new KeyValuePair<string, object?>(CredentialsSourceTag, source));
    }

    /// <summary>Counts a failed credential refresh and marks its span; returns false, for exception filters.</summary>
    public static bool CredentialsRefreshFailed(Activity? activity, string source, Exception exception)
    {
        var errorType = ErrorTypeOf(exception);
        Failed(activity, errorType);
        CredentialsRefreshFailures.Add(1, new KeyValuePair<string, object?>(CredentialsSourceTag, source), new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        return false;
    }

    /// <summary>Counts a token refresh and marks its span.</summary>
    public static void TokenRefreshed(Activity? activity)
    {
        Succeeded(activity);
        TokenRefreshes.Add(1);
    }

    /// <summary>Counts a failed token refresh and marks its span; returns false, for exception filters.</summary>
    public static bool TokenRefreshFailed(Activity? activity, Exception exception)
    {
        var errorType = ErrorTypeOf(exception);
        Failed(activity, errorType);
        TokenRefreshFailures.Add(1, new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
        return false;
    }

    /// <summary>Counts a 401 or 403 answer of an endpoint (other statuses are ignored), by API Gateway's error type.</summary>
    public static void RecordAuthFailure(string endpoint, string authMode, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (401 or 403) || !AuthFailures.Enabled)
        {
            return;
        }

        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? ErrorTypeFromHeader(values.FirstOrDefault()) : null;
        AuthFailures.Add(
            1,
            new KeyValuePair<string, object?>(EndpointTag, endpoint),
            new KeyValuePair<string, object?>(AuthModeTag, authMode),
            new KeyValuePair<string, object?>(StatusCodeTag, status),
            new KeyValuePair<string, object?>(ErrorTypeTag, errorType ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Counts a clock-skew correction for <paramref name="host"/>.</summary>
    public static void ClockSkewCorrected(string host) =>
        ClockSkewCorrections.Add(1, new KeyValuePair<string, object?>(HostTag, host));

    /// <summary>Counts a request sent again: for the resilience pipeline and the handlers that retry once.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="attempt">The attempt about to be sent (2 for the first retry).</param>
    /// <param name="reason">Why, a short constant such as <c>transient</c>, <c>clock_skew</c> or <c>token_refreshed</c>.</param>
    /// <param name="errorType">What failed before: an HTTP status code, an AWS error type or an exception type name; null when unknown.</param>
    public static void RecordRetry(string endpoint, int attempt, string reason, string? errorType = null)
    {
        Activity.Current?.AddEvent(new ActivityEvent("amplify.retry", tags: new ActivityTagsCollection { [AttemptTag] = attempt, [RetryReasonTag] = reason }));
        Retries.Add(
            1,
            new KeyValuePair<string, object?>(EndpointTag, endpoint),
            new KeyValuePair<string, object?>(AttemptTag, attempt),
            new KeyValuePair<string, object?>(RetryReasonTag, reason),
            new KeyValuePair<string, object?>(ErrorTypeTag, errorType));
    }

    /// <summary>The <c>error.type</c> of an exception: the Cognito or AWS error code when it has one, else the type's full name. Never the message.</summary>
    public static string ErrorTypeOf(Exception exception) => exception switch
    {
        IAwsErrorCode { ErrorCode: { Length: > 0 } code } => code,
        AwsCredentialsUnavailableException { ErrorCode: { Length: > 0 } code } => code,
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    /// <summary>API Gateway's <c>x-amzn-ErrorType</c> without its <c>:http://internal…</c> suffix; null when empty or not an identifier.</summary>
    public static string? ErrorTypeFromHeader(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var type = (colon >= 0 ? value[..colon] : value).Trim();
        if (type.Length is 0 or > 128)
        {
            return null;
        }

        foreach (var c in type)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '_' and not '.' and not '-' and not '#')
            {
                return null;
            }
        }

        return type;
    }

    private static bool RecordWait(long started, string endpoint, string authMode, string kind, string outcome, string? errorType)
    {
        if (AuthWait.Enabled)
        {
            var tags = new TagList
            {
                { EndpointTag, endpoint },
                { AuthModeTag, authMode },
                { WaitKindTag, kind },
                { OutcomeTag, outcome },
            };
            if (errorType is not null)
            {
                tags.Add(ErrorTypeTag, errorType);
            }

            AuthWait.Record(TimeProvider.System.GetElapsedTime(started).TotalSeconds, tags);
        }

        return false;
    }
}
