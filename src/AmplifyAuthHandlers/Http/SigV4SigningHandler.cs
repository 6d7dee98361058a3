using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The innermost handler of <c>AWS_IAM</c> endpoints: strips the previous attempt's signature, signs with the
/// credentials the credentials handler resolved (service <c>execute-api</c>, the endpoint's region), at the
/// time AWS's clock shows for this origin, and sends. API Gateway's own refusal of the signing time (403,
/// <c>x-amzn-ErrorType: InvalidSignatureException</c> and AWS's message) teaches this origin's clock offset, within
/// <see cref="AwsClockSkew.MaxCorrection"/>, and the request is signed again and retried once.
/// </summary>
/// <remarks>
/// Requests that carry no automatic authorization (another origin, or a caller-set <c>Authorization</c>)
/// pass unsigned and untouched. Every other request is signed or not sent.
/// </remarks>
internal sealed class SigV4SigningHandler : DelegatingHandler
{
    /// <summary>The SigV4 service name of API Gateway.</summary>
    public const string ExecuteApiService = "execute-api";

    private readonly string _endpointName;
    private readonly string _region;
    private readonly AwsSigV4Signer _signer;
    private readonly AwsClockSkew _clock;
    private readonly ILogger<SigV4SigningHandler> _logger;
    private readonly long _maxBufferedRequestBodyBytes;

    /// <summary>Creates the handler.</summary>
    /// <param name="endpointName">The endpoint's name, for messages and logs.</param>
    /// <param name="region">The signing region, already resolved (configuration, or <see cref="ExecuteApiHost.TryParseExecuteApiRegion"/>).</param>
    /// <param name="signer">The signer.</param>
    /// <param name="clock">The per-origin clock offsets learned from skew errors.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="maxBufferedRequestBodyBytes">The most bytes of a body that cannot be read twice buffered to hash it (the endpoint's <c>MaxBufferedRequestBodyBytes</c>).</param>
    public SigV4SigningHandler(string endpointName, string region, AwsSigV4Signer signer, AwsClockSkew clock, ILogger<SigV4SigningHandler> logger,
        long maxBufferedRequestBodyBytes = AwsSigV4SignerOptions.DefaultMaxBufferedPayloadBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointName);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _endpointName = endpointName;
        _region = region;
        _signer = signer;
        _clock = clock;
        _logger = logger;
        _maxBufferedRequestBodyBytes = maxBufferedRequestBodyBytes;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmplifyRequestOptionKeys.GetState(request) is not { ShouldAuthorize: true })
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (!request.Options.TryGetValue(AmplifyRequestOptionKeys.Credentials, out AwsCredentials? credentials) || credentials is null)
        {
            SigningLog.CredentialsMissing(_logger, _endpointName);
            throw new AwsCredentialsUnavailableException(
                $"Endpoint '{_endpointName}' uses AWS_IAM authorization, but no AWS credentials were resolved for this request, so it was not sent. " +
                "Put the credentials handler ahead of the signing handler (AddAmplifyRestApi does) and make sure the endpoint has a credentials source.");
        }

        var uri = request.RequestUri!;
        var signed = await SignAsync(request, credentials, uri, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        DateTimeOffset? serverTime;
        try
        {
            serverTime = await ClockSkewResponse.TryGetServerTimeAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (serverTime is { } time)
        {
            if (_clock.TryRecord(uri, time, out var offset, out var firstRefusal))
            {
                CredentialsLog.ClockSkewCorrected(_logger, AwsClockSkew.OriginOf(uri), offset);
                AmplifyTelemetry.ClockSkewCorrected(uri.Host);
                AmplifyTelemetry.RecordRetry(_endpointName, attempt: 2, "clock_skew", "403");

                // Safe for every method, POST and PATCH included: API Gateway checks the signature before any
                // authorizer or integration runs, so its InvalidSignatureException proves the backend never saw the
                // request. The signer buffered any one-shot body, so the same bytes go out under the new signature.
                response.Dispose();
                signed = await SignAsync(request, credentials, uri, cancellationToken).ConfigureAwait(false);
                response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            else if (firstRefusal)
            {
                // No retry: signing a day or more off this machine's clock would only fail again (or sign for a peer
                // that is not AWS). Warned once per origin; later refusals show as SignatureRejected.
                SigningLog.ClockSkewIgnored(_logger, _endpointName, AwsClockSkew.OriginOf(uri), offset, AwsClockSkew.MaxCorrection);
            }
        }

        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            SigningLog.SignatureRejected(_logger, _endpointName, (int)response.StatusCode);
            await InspectRefusalAsync(request, response, signed, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SigningLog.ResponseReceived(_logger, _endpointName, (int)response.StatusCode);
        }

        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Endpoint '{_endpointName}': the SigV4 signing handler supports only asynchronous sends; use SendAsync.");

    /// <summary>Explains a refused signature from what this attempt signed (written only now, from the kept inputs).</summary>
    private ValueTask InspectRefusalAsync(HttpRequestMessage request, HttpResponseMessage response, SigV4Trace signed, CancellationToken cancellationToken) =>
        SignatureMismatchDiagnosis.InspectAsync(request, response, () => (signed.CanonicalRequest, signed.StringToSign), _logger, _endpointName, cancellationToken);

    /// <summary>Signs the attempt; returns what it was signed from, for explaining a 403 signature mismatch line by line.</summary>
    private async ValueTask<SigV4Trace> SignAsync(HttpRequestMessage request, AwsCredentials credentials, Uri uri, CancellationToken cancellationToken)
    {
        using var activity = AmplifyTelemetry.StartActivity(AmplifyTelemetry.SigningSpan, _endpointName, "AWS_IAM");
        AwsSigV4Signer.RemoveSignatureHeaders(request.Headers);
        SignatureMismatchDiagnosis.Forget(request);
        var trace = SigV4Trace.Deferred();
        try
        {
            await _signer.SignAsync(request, credentials, _region, ExecuteApiService, _clock.UtcNowFor(uri), trace, _maxBufferedRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (AmplifyRequestBodyTooLargeException ex) when (ex.EndpointName is null)
        {
            // The signer does not know the endpoint; the message must name it and its setting.
            SigningLog.RequestBodyTooLarge(_logger, _endpointName, ex.Limit);
            throw new AmplifyRequestBodyTooLargeException(_endpointName, ex.Limit);
        }

        AmplifyTelemetry.Succeeded(activity);
        SigningLog.RequestSigned(_logger, _endpointName, request.Method.Method, _region);
        return trace;
    }
}
