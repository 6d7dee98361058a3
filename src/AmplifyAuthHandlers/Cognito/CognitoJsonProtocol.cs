using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;

namespace AmplifyAuthHandlers;

/// <summary>
/// The AWS JSON 1.1 protocol as Cognito speaks it, unsigned: <c>POST /</c> with
/// <c>X-Amz-Target: {prefix}.{operation}</c> and <c>Content-Type: application/x-amz-json-1.1</c>.
/// Error responses become typed <see cref="CognitoServiceException"/>s. Transient failures (HTTP 500, 502, 503,
/// 504, throttling codes, network errors) are retried as the AWS SDKs' standard retry mode does (<see cref="AwsStandardRetry"/>):
/// the SDKs retry every operation on them, non-idempotent ones included, and so does this.
/// </summary>
internal sealed class CognitoJsonProtocol
{
    /// <summary>The media type of JSON 1.1 request bodies.</summary>
    public const string MediaType = "application/x-amz-json-1.1";

    private readonly HttpClient _httpClient;
    private readonly string _targetPrefix;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<Reply> _retry;

    /// <summary>Creates the protocol for one service.</summary>
    /// <param name="httpClient">The client that sends the requests.</param>
    /// <param name="serviceUri">The service's absolute http(s) URI; requests go to it as is.</param>
    /// <param name="targetPrefix">The <c>X-Amz-Target</c> prefix, for example <c>AWSCognitoIdentityService</c>.</param>
    /// <param name="logger">Where to log operation outcomes.</param>
    /// <param name="timeProvider">Times the delays between retries; <see cref="TimeProvider.System"/> when null.</param>
    public CognitoJsonProtocol(HttpClient httpClient, Uri serviceUri, string targetPrefix, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(serviceUri);
        ArgumentNullException.ThrowIfNull(logger);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The Cognito service URI '{serviceUri}' must be an absolute http or https URI, for example 'https://cognito-idp.us-east-1.amazonaws.com/'.", nameof(serviceUri));
        }

        _httpClient = httpClient;
        ServiceUri = serviceUri;
        _targetPrefix = targetPrefix;
        _logger = logger;
        _retry = AwsStandardRetry.CreatePipeline<Reply>(
            timeProvider ?? TimeProvider.System,
            Classify,
            (outcome, attempt, delay) =>
            {
                CognitoLog.Retrying(_logger, outcome.Result?.Operation ?? "request", attempt, Describe(outcome), delay);
                AmplifyTelemetry.RecordRetry($"{_targetPrefix}.{outcome.Result?.Operation ?? "request"}", attempt + 1, "aws_transient", outcome.Result?.Code ?? (outcome.Exception is { } error ? AmplifyTelemetry.ErrorTypeOf(error) : null));
            });
    }

    /// <summary>Gets the URI requests are posted to.</summary>
    public Uri ServiceUri { get; }

    /// <summary>Calls an operation and reads its response.</summary>
    /// <typeparam name="TRequest">The request shape.</typeparam>
    /// <typeparam name="TResponse">The response shape.</typeparam>
    /// <param name="operation">The operation name, for example <c>GetId</c>.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">The source-generated metadata of the request.</param>
    /// <param name="responseType">The source-generated metadata of the response.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The response.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error, or a body that is not a JSON object.</exception>
    public async Task<TResponse> SendAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        var (status, body) = await SendCoreAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);
        TResponse? response = null;
        try
        {
            if (body.Length > 0)
            {
                response = JsonSerializer.Deserialize(body, responseType);
            }
        }
        catch (JsonException)
        {
            // The JsonException is not kept: its message can quote part of the body, which may hold a token.
        }

        if (response is null)
        {
            CognitoLog.InvalidResponse(_logger, operation, (int)status);
            throw CognitoErrors.InvalidResponse(operation, status, "its body is not a JSON object of the expected shape");
        }

        return response;
    }

    /// <summary>Calls an operation whose response carries nothing the caller needs.</summary>
    /// <typeparam name="TRequest">The request shape.</typeparam>
    /// <param name="operation">The operation name, for example <c>GlobalSignOut</c>.</param>
    /// <param name="request">The request.</param>
    /// <param name="requestType">The source-generated metadata of the request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Cognito has answered with success.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error.</exception>
    public async Task SendAsync<TRequest>(string operation, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken) =>
        _ = await SendCoreAsync(operation, request, requestType, cancellationToken).ConfigureAwait(false);

    /// <summary>Creates the exception for a response that parsed but lacks a field the operation always returns.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="field">The missing field, for example <c>IdentityId</c>.</param>
    /// <returns>The exception to throw.</returns>
    public CognitoServiceException MissingField(string operation, string field)
    {
        CognitoLog.InvalidResponse(_logger, operation, (int)HttpStatusCode.OK);
        return CognitoErrors.InvalidResponse(operation, HttpStatusCode.OK, $"its body has no {field}");
    }

    private async Task<(HttpStatusCode Status, byte[] Body)> SendCoreAsync<TRequest>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var reply = await _retry.ExecuteAsync(
            static (state, token) => state.Self.SendOnceAsync(state.Operation, state.Payload, token),
            (Self: this, Operation: operation, Payload: payload),
            cancellationToken).ConfigureAwait(false);
        if (reply.Code is null)
        {
            CognitoLog.RequestSucceeded(_logger, operation, (int)reply.Status);
            return (reply.Status, reply.Body);
        }

        CognitoLog.RequestFailed(_logger, operation, (int)reply.Status, reply.Code);
        throw CognitoErrors.Create(operation, reply.Status, reply.Code, reply.Message);
    }

    /// <summary>One attempt: a new message each time (a sent message cannot be sent again), the same bytes.</summary>
    private async ValueTask<Reply> SendOnceAsync(string operation, byte[] payload, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, ServiceUri);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", $"{_targetPrefix}.{operation}");
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue(MediaType);
        message.Content = content;

        using var activity = AmplifyTelemetry.StartCognitoCall(_targetPrefix, operation);
        using var response = await PostAsync(message, operation, activity, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            AmplifyTelemetry.Succeeded(activity);
            return new Reply(operation, response.StatusCode, null, null, body);
        }

        var (code, cognitoMessage) = CognitoErrorParser.Parse(response.Headers, body);
        AmplifyTelemetry.Failed(activity, code);
        return new Reply(operation, response.StatusCode, code, cognitoMessage, body);
    }

    private static (bool Retry, bool Throttled) Classify(Outcome<Reply> outcome)
    {
        if (outcome.Exception is not null)
        {
            return (outcome.Exception is HttpRequestException, false);
        }

        var reply = outcome.Result!;
        if (reply.Code is null)
        {
            return (false, false);
        }

        var throttled = reply.Status == HttpStatusCode.TooManyRequests || AwsStandardRetry.IsThrottlingCode(reply.Code);
        return (throttled || AwsStandardRetry.IsTransientStatus(reply.Status), throttled);
    }

    private static string Describe(Outcome<Reply> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : $"HTTP {((int)outcome.Result!.Status).ToString(CultureInfo.InvariantCulture)} {outcome.Result.Code}";

    /// <summary>What one attempt got: <see cref="Code"/> is null on success.</summary>
    private sealed record Reply(string Operation, HttpStatusCode Status, string? Code, string? Message, byte[] Body)
    {
        /// <summary>Never the body: a successful one carries tokens.</summary>
        public override string ToString() => $"Cognito {Operation} HTTP {((int)Status).ToString(CultureInfo.InvariantCulture)} {Code}";
    }

    /// <summary>Sends; a transport failure keeps its type and error, and names the operation and the host.</summary>
    private async Task<HttpResponseMessage> PostAsync(HttpRequestMessage message, string operation, System.Diagnostics.Activity? activity, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            AmplifyTelemetry.Failed(activity, ex);
            throw new HttpRequestException(
                ex.HttpRequestError,
                $"Cognito {operation} could not reach {ServiceUri.Authority} ({ex.HttpRequestError}): {ex.Message} Check the pool's Region and any Endpoint override in the configuration, and that the host is reachable.",
                ex,
                ex.StatusCode);
        }
    }
}
