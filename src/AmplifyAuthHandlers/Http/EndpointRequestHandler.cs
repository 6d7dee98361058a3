using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The first of an endpoint's handlers: keeps relative paths inside the stage, decides whether the request
/// goes to the endpoint's own origin (the only place its credentials may go), and records what the caller
/// set on the request before any handler adds to it.
/// </summary>
internal sealed class EndpointRequestHandler(AmplifyEndpoint endpoint, ILogger<EndpointRequestHandler> logger) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new AmplifyException($"Endpoint '{endpoint.Name}': the request has no absolute URI. Send it through the endpoint's HttpClient, whose BaseAddress is {endpoint.BaseAddress}.");
        }

        var state = AmplifyRequestOptionKeys.GetState(request);
        var resent = state is not null;
        if (state is null)
        {
            state = new AmplifyRequestState(
                callerSetAuthorization: request.Headers.Contains("Authorization"),
                callerSetApiKey: request.Headers.Contains(ApiKeyHandler.HeaderName));
            request.Options.Set(AmplifyRequestOptionKeys.State, state);
            if (state.CallerSetAuthorization)
            {
                HttpLog.CallerAuthorizationKept(logger, endpoint.Name);
            }
        }

        if (endpoint.IsSameOrigin(uri))
        {
            state.IsEndpointOrigin = true;
            KeepInsideStage(request, uri);
        }
        else if (endpoint.AllowCrossOriginRequests)
        {
            state.IsEndpointOrigin = false;
            if (resent)
            {
                // The same message was sent before (a retry or a followed redirect) and now goes elsewhere:
                // what the chain added for the endpoint's origin must not travel with it.
                StripAutomaticAuthorization(request, state);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                HttpLog.CrossOriginWithoutCredentials(logger, endpoint.Name, AmplifyEndpoint.OriginOf(uri));
            }
        }
        else
        {
            var origin = AmplifyEndpoint.OriginOf(uri);
            HttpLog.CrossOriginRefused(logger, endpoint.Name, origin);
            throw new AmplifyCrossOriginRequestException(endpoint.Name, AmplifyEndpoint.OriginOf(endpoint.BaseAddress), origin);
        }

        return SendThenStripAsync(request, state, cancellationToken);
    }

    /// <summary>
    /// Every header the chain added is removed when the attempt ends, returned or thrown: HttpClientFactory's logging
    /// handlers keep the message's live header collection in their log state, and a retry re-sends the same message,
    /// so anything left would be read by a log provider, an outer handler or the next attempt's log line. The response
    /// keeps its own headers and content; only the request loses what the chain put on it.
    /// </summary>
    private async Task<HttpResponseMessage> SendThenStripAsync(HttpRequestMessage request, AmplifyRequestState state, CancellationToken cancellationToken)
    {
        var signed = endpoint.AuthorizationType == AmplifyAuthorizationType.AwsIam && state.ShouldAuthorize;
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            StripAutomaticAuthorization(request, state, stripSignature: signed);
            ((IDictionary<string, object?>)request.Options).Remove(AmplifyRequestOptionKeys.Credentials.Key);
        }
    }

    private static void StripAutomaticAuthorization(HttpRequestMessage request, AmplifyRequestState state, bool stripSignature = true)
    {
        if (!state.CallerSetAuthorization)
        {
            request.Headers.Remove("Authorization");
        }

        if (!state.CallerSetApiKey)
        {
            request.Headers.Remove(ApiKeyHandler.HeaderName);
        }

        if (stripSignature)
        {
            // After an attempt, only when the signer ran: otherwise these are the caller's own.
            request.Headers.Remove("X-Amz-Date");
            request.Headers.Remove("X-Amz-Security-Token");
            request.Headers.Remove("X-Amz-Content-Sha256");
        }

        state.RemoveAddedHeaders(request);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    /// <summary>
    /// HttpClient resolves <c>"/items"</c> against <c>https://host/dev/</c> to <c>https://host/items</c>, dropping
    /// the stage. Amplify's <c>API.get(api, "/items")</c> means <c>/dev/items</c>, so a path on the endpoint's
    /// origin that is outside its stage is put back inside it.
    /// </summary>
    /// <remarks>
    /// Only relative paths are stage-relative, but by the time a handler runs HttpClient has turned
    /// <c>"/prod/x"</c> into the same absolute URI as <c>"https://host/prod/x"</c>. So the rule is: a request marked
    /// <see cref="AmplifyRequestOptionKeys.UriAsGiven"/> (an absolute URI given to <c>IAmplifyRestApi</c>, a followed
    /// redirect) is sent as it is; any other request through an endpoint's client is taken as stage-relative
    /// (docs/configuration.md, "Paths").
    /// </remarks>
    private void KeepInsideStage(HttpRequestMessage request, Uri uri)
    {
        var basePath = endpoint.BasePath;
        if (basePath.Length <= 1
            || (request.Options.TryGetValue(AmplifyRequestOptionKeys.UriAsGiven, out var asGiven) && asGiven))
        {
            return;
        }

        var path = uri.AbsolutePath;
        if (path.StartsWith(basePath, StringComparison.Ordinal) || path.AsSpan().Equals(basePath.AsSpan(0, basePath.Length - 1), StringComparison.Ordinal))
        {
            return;
        }

        var builder = new UriBuilder(uri) { Path = basePath + uri.AbsolutePath.TrimStart('/') };
        var rewritten = builder.Uri;
        HttpLog.StagePathRestored(logger, endpoint.Name, path, rewritten.AbsolutePath);
        request.RequestUri = rewritten;
    }
}
