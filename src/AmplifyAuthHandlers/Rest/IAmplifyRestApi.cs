namespace AmplifyAuthHandlers;

/// <summary>
/// Amplify's <c>API.get/post/…(apiName, path)</c> for .NET: calls a configured REST endpoint by name through its
/// authenticated client. A status outside 2xx throws <see cref="AmplifyHttpStatusException"/>.
/// </summary>
/// <remarks>
/// A path is relative to the endpoint including its stage: <c>"/items"</c> and <c>"items"</c> both
/// reach <c>&lt;endpoint&gt;/items</c>. The caller disposes the returned response.
/// </remarks>
public interface IAmplifyRestApi
{
    /// <summary>Sends a request.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response, its content buffered.</returns>
    /// <exception cref="AmplifyHttpStatusException">The status was outside 2xx.</exception>
    /// <exception cref="AmplifyConfigurationException">No endpoint is named <paramref name="apiName"/>, or the configuration is invalid.</exception>
    /// <exception cref="AmplifyInvalidHeaderException">A header in <paramref name="options"/> has a name that is not an HTTP token or a value that is not visible ASCII, spaces and tabs (a line break would split the request); nothing was sent.</exception>
    Task<HttpResponseMessage> SendAsync(HttpMethod method, string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a GET.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> GetAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Get, apiName, path, options, cancellationToken);

    /// <summary>Sends a POST.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> PostAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Post, apiName, path, options, cancellationToken);

    /// <summary>Sends a PUT.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> PutAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Put, apiName, path, options, cancellationToken);

    /// <summary>Sends a PATCH.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> PatchAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Patch, apiName, path, options, cancellationToken);

    /// <summary>Sends a DELETE.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers, query parameters and body.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> DeleteAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Delete, apiName, path, options, cancellationToken);

    /// <summary>Sends a HEAD.</summary>
    /// <param name="apiName">The endpoint's name.</param>
    /// <param name="path">The path below the endpoint.</param>
    /// <param name="options">Headers and query parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The successful response.</returns>
    Task<HttpResponseMessage> HeadAsync(string apiName, string path, AmplifyRequestOptions? options = null, CancellationToken cancellationToken = default)
        => SendAsync(HttpMethod.Head, apiName, path, options, cancellationToken);
}
