using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Puts the endpoint's token in <c>Authorization</c> (raw, or after <c>Bearer </c>) on requests that
/// <see cref="AmplifyRequestState.ShouldAuthorize"/>. On a 401 it asks for a refreshed token once and retries
/// when sending again cannot run the backend twice (API Gateway's authorizer refused the request, or the method is
/// idempotent), the body can be sent again and the token changed; a second 401 is returned as it is.
/// </summary>
internal sealed class TokenHandler : DelegatingHandler
{
    private const string AuthorizationHeader = "Authorization";

    private readonly AmplifyEndpoint _endpoint;
    private readonly IEndpointTokenSource _tokenSource;
    private readonly ILogger<TokenHandler> _logger;
    private readonly string _mode;

    public TokenHandler(AmplifyEndpoint endpoint, IEndpointTokenSource tokenSource, ILogger<TokenHandler> logger)
    {
        _endpoint = endpoint;
        _tokenSource = tokenSource;
        _logger = logger;
        _mode = AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmplifyRequestOptionKeys.GetState(request) is not { ShouldAuthorize: true })
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var token = await AmplifyTelemetry.WaitForAuthAsync(AmplifyTelemetry.TokenResolveSpan, _endpoint.Name, _mode, this, static (handler, ct) => handler.GetTokenAsync(forceRefresh: false, ct), cancellationToken).ConfigureAwait(false);
        SetAuthorization(request, token, attempt: 1);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        if (!AuthorizerRejected(response) && !EndpointRetryRules.IsIdempotent(request.Method))
        {
            // A 401 from the backend itself (an integration that checks the token) may come after it acted on a
            // POST or PATCH; sending it again could do the work twice.
            TokenLog.NotRetriedBackendMayHaveRun(_logger, _endpoint.Name, request.Method.Method);
            return response;
        }

        if (request.Content is { } body && !CanReplay(body))
        {
            TokenLog.NotRetriedBodyNotReplayable(_logger, _endpoint.Name, body.GetType().Name);
            return response;
        }

        string refreshed;
        try
        {
            refreshed = await GetTokenAsync(forceRefresh: true, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (string.Equals(refreshed, token, StringComparison.Ordinal))
        {
            TokenLog.NotRetriedSameToken(_logger, _endpoint.Name);
            return response;
        }

        response.Dispose();
        TokenLog.RetryingWithRefreshedToken(_logger, _endpoint.Name, _mode);
        AmplifyTelemetry.RecordRetry(_endpoint.Name, attempt: 2, "token_refreshed", "401");
        SetAuthorization(request, refreshed, attempt: 2);
        var retried = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (retried.StatusCode == HttpStatusCode.Unauthorized)
        {
            TokenLog.RefreshedTokenRejected(_logger, _endpoint.Name, _mode);
        }

        return retried;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    /// <summary>
    /// Whether the body can be serialized a second time: buffered contents (bytes, strings, forms, memory,
    /// JSON serialized from its value) and multipart made only of those. A stream may already be consumed.
    /// </summary>
    internal static bool CanReplay(HttpContent? content) => content switch
    {
        null => true,
        ByteArrayContent or ReadOnlyMemoryContent or JsonContent => true,
        MultipartContent multipart => multipart.All(CanReplay),
        _ => false,
    };

    /// <summary>
    /// Whether API Gateway's authorizer refused the request: it answers <c>401</c> with
    /// <c>x-amzn-ErrorType: UnauthorizedException</c> before the integration runs, so the backend never saw it.
    /// </summary>
    internal static bool AuthorizerRejected(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            var name = value.AsSpan();
            var colon = name.IndexOf(':');
            if ((colon >= 0 ? name[..colon] : name).Trim().Equals("UnauthorizedException", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var token = await _tokenSource.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new AmplifyAuthException($"Endpoint '{_endpoint.Name}' ({_mode}): {_tokenSource.Description} returned no token (null or empty); the request was not sent. Return a token, or throw AmplifyNotSignedInException when there is no user.");
        }

        // One pass over the token on every request; which kind of character it was is worked out only on failure.
        var bad = token.AsSpan().IndexOfAnyExceptInRange(' ', '~');
        if (bad < 0)
        {
            return token;
        }

        if (token.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || token.Contains('\u007f', StringComparison.Ordinal))
        {
            throw new AmplifyAuthException($"Endpoint '{_endpoint.Name}' ({_mode}): {_tokenSource.Description} returned a token with a control character (such as a line break), which cannot go in an HTTP header; the request was not sent.");
        }

        // Tokens (JWTs, opaque strings) are ASCII; anything else would fail on the wire with a raw HttpRequestException.
        throw new AmplifyAuthException($"Endpoint '{_endpoint.Name}' ({_mode}): {_tokenSource.Description} returned a token with a non-ASCII character, which cannot go in an HTTP header; the request was not sent.");
    }

    private void SetAuthorization(HttpRequestMessage request, string token, int attempt)
    {
        request.Headers.Remove(AuthorizationHeader);
        request.Headers.TryAddWithoutValidation(AuthorizationHeader, _endpoint.BearerPrefix ? "Bearer " + token : token);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            TokenLog.TokenAttached(_logger, _endpoint.Name, _mode, attempt);
        }
    }
}
