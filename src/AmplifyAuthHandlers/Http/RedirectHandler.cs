using System.Net;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Follows redirects for an endpoint's client in place of the primary handler, whose automatic redirects are turned
/// off (<see cref="RedirectPolicy"/>), so the rule no longer depends on the primary handler's shape. It sits above
/// the endpoint's other handlers, so every hop runs the whole chain again: the own-origin check, a fresh key, token
/// or signature for the new request.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A redirect within the endpoint's origin (scheme, host, port) is followed when the user's primary handler had
/// <c>AllowAutoRedirect</c> on, at most <c>MaxAutomaticRedirections</c> times, as HttpClient would: 303 (and 301/302
/// on POST) becomes a GET without body; 301/302 on other methods, 307 and 308 keep the method and body, but only when
/// the body can be sent again. The <c>Location</c> is used as given: it is not stage-relative.</item>
/// <item>A redirect answered by another origin (a request sent there with <c>AllowCrossOriginRequests</c>) is returned
/// as it is, even when it points at the endpoint: the library does not send authorized requests a third party chose.</item>
/// <item>A redirect to another origin is never followed: the 3xx is returned to the caller. Following it would carry
/// the caller's own <c>Authorization</c>, <c>x-api-key</c>, cookies or other headers, which the library cannot tell
/// from harmless ones, and dropping them would silently turn an authorized call into an unauthenticated one.</item>
/// </list>
/// </remarks>
internal sealed class RedirectHandler(AmplifyEndpoint endpoint, RedirectPolicy policy, ILogger<RedirectHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!policy.FollowSameOrigin)
        {
            // The user turned redirects off (or the primary handler is of a kind we do not know): every 3xx is theirs.
            return response;
        }

        for (var redirects = 0; ; redirects++)
        {
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location || request.RequestUri is not { IsAbsoluteUri: true } current)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            if (!endpoint.IsSameOrigin(current))
            {
                // A redirect another origin answered (AllowCrossOriginRequests) is not the endpoint's to follow: pointing
                // at the endpoint, it would make the library send an authorized request a third party chose.
                return response;
            }

            var target = location.IsAbsoluteUri ? location : new Uri(current, location);
            if (!endpoint.IsSameOrigin(target))
            {
                HttpLog.RedirectToOtherOriginNotFollowed(logger, endpoint.Name, status, AmplifyEndpoint.OriginOf(target));
                return response;
            }

            if (redirects >= policy.MaxRedirects)
            {
                HttpLog.TooManyRedirects(logger, endpoint.Name, status, policy.MaxRedirects);
                return response;
            }

            var becomesGet = BecomesGet(response.StatusCode, request.Method);
            if (!becomesGet && request.Content is { } body && !TokenHandler.CanReplay(body))
            {
                HttpLog.RedirectNotFollowedBodyNotReplayable(logger, endpoint.Name, status, body.GetType().Name);
                return response;
            }

            response.Dispose();
            if (becomesGet)
            {
                // As HttpClient does: the body is not the caller's to send to the new resource. The content is the
                // caller's, so it is let go, not disposed.
                request.Method = HttpMethod.Get;
                request.Content = null;
                request.Headers.TransferEncodingChunked = false;
            }

            request.RequestUri = target;
            request.Options.Set(AmplifyRequestOptionKeys.UriAsGiven, true);
            HttpLog.RedirectFollowed(logger, endpoint.Name, status, request.Method.Method, redirects + 1);
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    private static bool IsRedirect(HttpStatusCode status) => status is
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
        or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
        or HttpStatusCode.MultipleChoices;

    /// <summary>HttpClient's rule: 303 turns anything but HEAD into GET; 301 and 302 turn POST into GET; 307 and 308 never change the method.</summary>
    private static bool BecomesGet(HttpStatusCode status, HttpMethod method) => status switch
    {
        HttpStatusCode.SeeOther => method != HttpMethod.Get && method != HttpMethod.Head,
        HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.MultipleChoices => method == HttpMethod.Post,
        _ => false,
    };
}
