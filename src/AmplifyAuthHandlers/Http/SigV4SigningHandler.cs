using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The innermost handler of <c>AWS_IAM</c> endpoints: strips the previous attempt's signature, signs with the
/// credentials the credentials handler resolved (service <c>execute-api</c>, the endpoint's region), at the
/// time AWS's clock shows for this host, and sends. A 403 that blames the signing time teaches the host's
/// clock offset and the request is signed again and retried once.
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

    /// <summary>Creates the handler.</summary>
    /// <param name="endpointName">The endpoint's name, for messages and logs.</param>
    /// <param name="region">The signing region, already resolved (configuration, or <see cref="ExecuteApiHost.TryParseExecuteApiRegion"/>).</param>
    /// <param name="signer">The signer.</param>
    /// <param name="clock">The per-host clock offsets learned from skew errors.</param>
    /// <param name="logger">The logger.</param>
    public SigV4SigningHandler(string endpointName, string region, AwsSigV4Signer signer, AwsClockSkew clock, ILogger<SigV4SigningHandler> logger)
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

        var host = request.RequestUri!.Host;
        await SignAsync(request, credentials, host, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (await ClockSkewResponse.TryGetServerTimeAsync(response, cancellationToken).ConfigureAwait(false) is { } serverTime)
        {
            var offset = _clock.Record(host, serverTime);
            CredentialsLog.ClockSkewCorrected(_logger, host, offset);
            AmplifyTelemetry.ClockSkewCorrected(host);
            AmplifyTelemetry.RecordRetry(_endpointName, attempt: 2, "clock_skew", "403");

            // The signer buffered any one-shot body, so the same bytes go out again under the new signature.
            response.Dispose();
            await SignAsync(request, credentials, host, cancellationToken).ConfigureAwait(false);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            SigningLog.SignatureRejected(_logger, _endpointName, (int)response.StatusCode);
            await SignatureMismatchDiagnosis.InspectAsync(request, response, _logger, _endpointName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            SigningLog.ResponseReceived(_logger, _endpointName, (int)response.StatusCode);
        }

        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Endpoint '{_endpointName}': the SigV4 signing handler supports only asynchronous sends; use SendAsync.");

    private async ValueTask SignAsync(HttpRequestMessage request, AwsCredentials credentials, string host, CancellationToken cancellationToken)
    {
        using var activity = AmplifyTelemetry.StartActivity(AmplifyTelemetry.SigningSpan, _endpointName, "AWS_IAM");
        AwsSigV4Signer.RemoveSignatureHeaders(request.Headers);

        // What was signed is kept (redacted) so a 403 signature mismatch can be explained line by line.
        var trace = new SigV4Trace();
        await _signer.SignAsync(request, credentials, _region, ExecuteApiService, _clock.UtcNowFor(host), trace, cancellationToken).ConfigureAwait(false);
        SignatureMismatchDiagnosis.Remember(request, trace.CanonicalRequest, trace.StringToSign);
        AmplifyTelemetry.Succeeded(activity);
        SigningLog.RequestSigned(_logger, _endpointName, request.Method.Method, _region);
    }
}
