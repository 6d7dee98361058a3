using System.Net;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Http;

/// <summary>
/// The innermost handler of an <c>AWS_IAM</c> endpoint: signs each attempt with SigV4 (service <c>execute-api</c>)
/// using the credentials the credentials handler put in <see cref="HttpRequestMessage.Options"/>, then sends it.
/// A request without credentials is never sent unsigned.
/// </summary>
internal sealed class SigV4SigningHandler : DelegatingHandler
{
    /// <summary>The SigV4 service name of API Gateway.</summary>
    public const string ExecuteApiService = "execute-api";

    private readonly string _endpointName;
    private readonly string _region;
    private readonly AwsSigV4Signer _signer;
    private readonly ILogger<SigV4SigningHandler> _logger;

    /// <param name="endpointName">The endpoint's name, for messages and logs.</param>
    /// <param name="region">The signing region, already resolved by the caller (configuration, or <see cref="ExecuteApiHost.TryParseExecuteApiRegion"/>).</param>
    /// <param name="signer">The signer.</param>
    /// <param name="logger">The logger.</param>
    public SigV4SigningHandler(string endpointName, string region, AwsSigV4Signer signer, ILogger<SigV4SigningHandler> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointName);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(logger);
        _endpointName = endpointName;
        _region = region;
        _signer = signer;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Options.TryGetValue(AmplifyRequestOptions.Credentials, out AwsCredentials? credentials) || credentials is null)
        {
            SigningLog.CredentialsMissing(_logger, _endpointName);
            throw new AmplifyException(
                $"Endpoint '{_endpointName}' uses AWS_IAM authorization, but no AWS credentials were resolved for this request, so it was not sent. " +
                "Put the credentials handler ahead of the signing handler (AddAmplifyRestApi does) and make sure the endpoint has a credentials source.");
        }

        AwsSigV4Signer.RemoveSignatureHeaders(request.Headers);
        await _signer.SignAsync(request, credentials, _region, ExecuteApiService, cancellationToken).ConfigureAwait(false);
        SigningLog.RequestSigned(_logger, _endpointName, request.Method.Method, _region);

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            SigningLog.SignatureRejected(_logger, _endpointName, (int)response.StatusCode);
        }
        else
        {
            SigningLog.ResponseReceived(_logger, _endpointName, (int)response.StatusCode);
        }

        return response;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">Always: signing may read the request body, so only <see cref="SendAsync"/> is supported.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Endpoint '{_endpointName}': the SigV4 signing handler supports only asynchronous sends; use SendAsync.");
}
