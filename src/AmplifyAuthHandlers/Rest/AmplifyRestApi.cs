using System.Text;

namespace AmplifyAuthHandlers;

/// <summary>Sends <see cref="IAmplifyRestApi"/> calls through the endpoint's named client and its handler chain.</summary>
internal sealed class AmplifyRestApi(IHttpClientFactory clientFactory, AmplifyEndpointCatalog catalog) : IAmplifyRestApi
{
    /// <summary>Error bodies are read for the exception; a larger one is cut, so a runaway response cannot exhaust memory.</summary>
    internal const int MaxErrorBodyChars = 64 * 1024;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiName);
        ArgumentNullException.ThrowIfNull(path);

        // Fails with the list of configured endpoints when apiName is not one of them.
        var endpoint = catalog.Get(apiName);
        if (options is not null)
        {
            ValidateHeaders(endpoint.Name, options.Headers);
        }

        var client = clientFactory.CreateClient(apiName);
        using var request = new HttpRequestMessage(method, BuildUri(endpoint, path, options));
        if (IsAbsoluteHttpUri(path))
        {
            // Only a path is stage-relative: an absolute URI, even on the endpoint's origin outside its stage, goes where it says.
            request.Options.Set(AmplifyRequestOptionKeys.UriAsGiven, true);
        }

        if (options?.Body is { } body)
        {
            request.Content = body.ToContent();
        }

        if (options is not null)
        {
            foreach (var (name, value) in options.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value) && !(request.Content?.Headers.TryAddWithoutValidation(name, value) ?? false))
                {
                    throw new ArgumentException($"Header '{name}' cannot be added to a {method} request to endpoint '{apiName}' (a content header needs a body).", nameof(options));
                }
            }
        }

        // Headers first: a success is then buffered as before (within HttpClient's MaxResponseContentBufferSize), but an
        // error body is read only up to the cap the exception keeps, so an endless or huge error cannot exhaust memory.
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerException is TimeoutException timeout)
        {
            // HttpClient's own message names neither the endpoint nor the host. The type and the TimeoutException inside are
            // kept, so code that catches a timeout (or a resilience strategy) still recognises it.
            throw new TaskCanceledException(
                $"{method} {request.RequestUri?.AbsolutePath ?? path} on endpoint '{apiName}' ({request.RequestUri?.Authority}) timed out after " +
                $"{client.Timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s (the HttpClient's Timeout) without a complete response. " +
                "Check that the API answers in time, or raise the endpoint client's Timeout (ConfigureHttpClient on the builder AddAmplifyRestApi returns).",
                timeout);
        }

        if (response.IsSuccessStatusCode)
        {
            try
            {
                await response.Content.LoadIntoBufferAsync(client.MaxResponseContentBufferSize, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return response;
        }

        using (response)
        {
            var text = await ReadErrorBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);

            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers)
            {
                headers[name] = [.. values];
            }

            foreach (var (name, values) in response.Content.Headers)
            {
                headers[name] = [.. values];
            }

            throw new AmplifyHttpStatusException(apiName, method, request.RequestUri?.AbsolutePath ?? path, response.StatusCode, headers, text,
                AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType), SignatureMismatchDiagnosis.FirstDifference(request));
        }
    }

    /// <summary>
    /// Refuses, before anything is sent, a per-request header whose name is not an HTTP token or whose value holds a
    /// control character (a CR or LF would split the request and hand the endpoint's key or token to the smuggled
    /// one) or non-ASCII. The value is never echoed.
    /// </summary>
    private static void ValidateHeaders(string endpointName, IDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!HttpHeaderSyntax.IsToken(name))
            {
                throw new AmplifyInvalidHeaderException(endpointName, name, "in AmplifyRequestOptions.Headers is not a valid HTTP header name (RFC 9110 token)");
            }

            if (value is null || !HttpHeaderSyntax.IsPrintableValue(value))
            {
                throw new AmplifyInvalidHeaderException(endpointName, name, "in AmplifyRequestOptions.Headers has a missing value or one with a control character (such as a line break) or a non-ASCII character");
            }
        }
    }

    /// <summary>
    /// Amplify's paths are relative to the endpoint with its stage: a leading slash is dropped so that
    /// <c>"/items"</c> does not replace the stage. An absolute URI is used as it is.
    /// </summary>
    internal static Uri BuildUri(AmplifyEndpoint endpoint, string path, AmplifyRequestOptions? options)
    {
        var query = options is { QueryParameters.Count: > 0 } ? BuildQuery(options.QueryParameters) : null;
        if (IsAbsoluteHttpUri(path))
        {
            return query is null ? new Uri(path, UriKind.Absolute) : new Uri(AppendQuery(new Uri(path, UriKind.Absolute).OriginalString, query));
        }

        var relative = path.TrimStart('/');
        if (query is not null)
        {
            relative = AppendQuery(relative, query);
        }

        return Uri.TryCreate(endpoint.BaseAddress, relative, out var combined)
            ? combined
            : throw new ArgumentException($"Path '{path}' cannot be combined with endpoint '{endpoint.Name}' ({endpoint.BaseAddress}); pass a path such as \"/items\".", nameof(path));
    }

    /// <summary>Whether <paramref name="path"/> is an absolute <c>http(s)</c> URI, used as given rather than under the stage.</summary>
    private static bool IsAbsoluteHttpUri(string path) =>
        Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp);

    /// <summary>Adds <paramref name="query"/> to the URI's query, before any <c>#fragment</c> (after it, it would be lost).</summary>
    private static string AppendQuery(string uri, string query)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        var beforeFragment = hash < 0 ? uri : uri[..hash];
        var fragment = hash < 0 ? string.Empty : uri[hash..];
        var separator = beforeFragment.Contains('?', StringComparison.Ordinal)
            ? (beforeFragment.EndsWith('?') || beforeFragment.EndsWith('&') ? string.Empty : "&")
            : "?";
        return beforeFragment + separator + query + fragment;
    }

    /// <summary>Reads at most <see cref="MaxErrorBodyChars"/> characters of an error body, streaming; the rest is never read.</summary>
    private static async Task<string> ReadErrorBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var encoding = Encoding.UTF8;
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: read it as UTF-8, as HttpContent.ReadAsStringAsync would fail to.
            }
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 4096);
            var buffer = new char[MaxErrorBodyChars];
            var total = 0;
            while (total < buffer.Length)
            {
                var read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return new string(buffer, 0, total);
        }
    }

    private static string BuildQuery(IList<KeyValuePair<string, string>> parameters)
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in parameters)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty));
        }

        return builder.ToString();
    }
}
