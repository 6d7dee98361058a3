using System.Net.Http.Headers;

namespace AmplifyAuthHandlers;

/// <summary>
/// Adds the endpoint's static headers, then those of its header provider, to requests for the endpoint's
/// origin. A header the request already carries wins. It runs outside the signer so the headers are signed.
/// </summary>
internal sealed class CustomHeadersHandler(AmplifyEndpoint endpoint) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = AmplifyRequestOptionKeys.GetState(request);
        if (state is { IsEndpointOrigin: true }
            && (endpoint.Headers.Length > 0 || endpoint.HeaderProvider is not null || state.AddedHeaders is { Count: > 0 }))
        {
            return ApplyThenSendAsync(request, state, cancellationToken);
        }

        // Most endpoints have no custom headers: nothing to await, so no state machine on every request.
        EnsureNoControlCharacters(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");

    private async Task<HttpResponseMessage> ApplyThenSendAsync(HttpRequestMessage request, AmplifyRequestState state, CancellationToken cancellationToken)
    {
        await ApplyAsync(request, state, cancellationToken).ConfigureAwait(false);
        EnsureNoControlCharacters(request);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ApplyAsync(HttpRequestMessage request, AmplifyRequestState state, CancellationToken cancellationToken)
    {
        // A retry re-runs this handler on the same message: what we added last time is ours, not the caller's.
        state.RemoveAddedHeaders(request);

        if (endpoint.Headers.Length == 0 && endpoint.HeaderProvider is null)
        {
            return;
        }

        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in endpoint.Headers)
        {
            merged[name] = value;
        }

        if (endpoint.HeaderProvider is { } provider)
        {
            var provided = await provider(request, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new AmplifyException($"Endpoint '{endpoint.Name}': its header provider returned null; return an empty sequence for no headers.");
            foreach (var (name, value) in provided)
            {
                if (string.IsNullOrWhiteSpace(name) || value is null)
                {
                    throw new AmplifyException($"Endpoint '{endpoint.Name}': its header provider returned a header with an empty name or a null value ('{AmplifyInvalidHeaderException.Printable(name)}').");
                }

                if (!HttpHeaderSyntax.IsToken(name))
                {
                    throw new AmplifyInvalidHeaderException(endpoint.Name, name, "from the endpoint's header provider is not a valid HTTP header name (RFC 9110 token)");
                }

                if (!HttpHeaderSyntax.IsPrintableValue(value))
                {
                    throw new AmplifyInvalidHeaderException(endpoint.Name, name, "from the endpoint's header provider has a value with a control character (such as a line break) or a non-ASCII character");
                }

                merged[name] = value;
            }
        }

        foreach (var (name, value) in merged)
        {
            // NonValidated: Contains throws for a content header name on the request (and the reverse).
            if (request.Headers.NonValidated.Contains(name) || (request.Content?.Headers.NonValidated.Contains(name) ?? false))
            {
                continue;
            }

            var added = request.Headers.TryAddWithoutValidation(name, value)
                || (request.Content is { } content && content.Headers.TryAddWithoutValidation(name, value));
            if (!added)
            {
                // A content header on a request without content has nowhere to go; any other refusal is a bad name.
                if (request.Content is null && IsContentHeader(name))
                {
                    continue;
                }

                throw new AmplifyException($"Endpoint '{endpoint.Name}': custom header '{name}' could not be added to the request; check its name.");
            }

            (state.AddedHeaders ??= []).Add(name);
        }
    }

    /// <summary>
    /// The last look at what the caller put on the message before the chain adds its secrets: a CR, LF, NUL or other
    /// control character in any header would go on the wire verbatim (<c>TryAddWithoutValidation</c> lets it in) and
    /// split the request, with the endpoint's key or token on the smuggled half. Non-ASCII is left to the client's
    /// header encoding. Every attempt, every origin.
    /// </summary>
    private void EnsureNoControlCharacters(HttpRequestMessage request)
    {
        Check(request.Headers.NonValidated);
        if (request.Content is { } content)
        {
            Check(content.Headers.NonValidated);
        }

        void Check(HttpHeadersNonValidated headers)
        {
            foreach (var (name, values) in headers)
            {
                foreach (var value in values)
                {
                    if (HttpHeaderSyntax.HasControlCharacter(value))
                    {
                        throw new AmplifyInvalidHeaderException(endpoint.Name, name, "on the request has a value with a control character (such as CR, LF or NUL) that would split the request on the wire");
                    }
                }
            }
        }
    }

    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase);
}
