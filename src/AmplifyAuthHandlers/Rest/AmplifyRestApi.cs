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
        var client = clientFactory.CreateClient(apiName);
        using var request = new HttpRequestMessage(method, BuildUri(endpoint, path, options));
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

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > MaxErrorBodyChars)
            {
                text = text[..MaxErrorBodyChars];
            }

            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers)
            {
                headers[name] = [.. values];
            }

            foreach (var (name, values) in response.Content.Headers)
            {
                headers[name] = [.. values];
            }

            throw new AmplifyHttpStatusException(apiName, method, request.RequestUri?.AbsolutePath ?? path, response.StatusCode, headers, text);
        }
    }

    /// <summary>
    /// Amplify's paths are relative to the endpoint with its stage: a leading slash is dropped so that
    /// <c>"/items"</c> does not replace the stage. An absolute URI is used as it is.
    /// </summary>
    internal static Uri BuildUri(AmplifyEndpoint endpoint, string path, AmplifyRequestOptions? options)
    {
        var query = options is { QueryParameters.Count: > 0 } ? BuildQuery(options.QueryParameters) : null;
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
        {
            return query is null ? absolute : new Uri(absolute + (string.IsNullOrEmpty(absolute.Query) ? "?" : "&") + query);
        }

        var relative = path.TrimStart('/');
        if (query is not null)
        {
            relative += (relative.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        }

        return Uri.TryCreate(endpoint.BaseAddress, relative, out var combined)
            ? combined
            : throw new ArgumentException($"Path '{path}' cannot be combined with endpoint '{endpoint.Name}' ({endpoint.BaseAddress}); pass a path such as \"/items\".", nameof(path));
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
