using System.Net.Http.Headers;

namespace AmplifyAuthHandlers;

/// <summary>
/// Per-request decisions shared by the handlers of one chain. What the caller set is captured on the first
/// attempt, so that a retry (which re-runs the chain on the same message) does not mistake the previous
/// attempt's signature or key for the caller's own.
/// </summary>
internal sealed class AmplifyRequestState
{
    public AmplifyRequestState(bool callerSetAuthorization, bool callerSetApiKey)
    {
        CallerSetAuthorization = callerSetAuthorization;
        CallerSetApiKey = callerSetApiKey;
    }

    /// <summary>The caller put <c>Authorization</c> on the request: it wins, and automatic auth is skipped.</summary>
    public bool CallerSetAuthorization { get; }

    /// <summary>The caller put <c>x-api-key</c> on the request: it wins over the endpoint's key.</summary>
    public bool CallerSetApiKey { get; }

    /// <summary>This attempt goes to the endpoint's own origin, so credentials, key, token and custom headers may be attached.</summary>
    public bool IsEndpointOrigin { get; set; }

    /// <summary>Custom headers added on the previous attempt, removed before they are added again.</summary>
    public List<string>? AddedHeaders { get; set; }

    /// <summary>Whether automatic <c>Authorization</c> (token or SigV4) applies to this attempt.</summary>
    public bool ShouldAuthorize => IsEndpointOrigin && !CallerSetAuthorization;

    /// <summary>
    /// Removes the custom headers added on the previous attempt from the request and its content, and forgets them.
    /// A name is removed only where it is: <see cref="HttpHeaders.Remove(string)"/> throws for a name that belongs to
    /// the other collection (<c>Accept</c> on the content, <c>Content-Language</c> on the request).
    /// </summary>
    public void RemoveAddedHeaders(HttpRequestMessage request)
    {
        if (AddedHeaders is not { } added)
        {
            return;
        }

        foreach (var name in added)
        {
            RemoveIfPresent(request.Headers, name);
            if (request.Content is { } content)
            {
                RemoveIfPresent(content.Headers, name);
            }
        }

        added.Clear();
    }

    private static void RemoveIfPresent(HttpHeaders headers, string name)
    {
        if (headers.NonValidated.Contains(name))
        {
            headers.Remove(name);
        }
    }
}
