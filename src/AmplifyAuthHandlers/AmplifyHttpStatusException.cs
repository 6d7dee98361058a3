using System.Net;

namespace AmplifyAuthHandlers;

/// <summary>
/// A REST call through <see cref="IAmplifyRestApi"/> returned a status outside 2xx — the shape Amplify users
/// know from Flutter's <c>HttpStatusException</c>: status, headers, body text and API Gateway's error type.
/// </summary>
/// <remarks>
/// This is an <see cref="HttpRequestException"/> (with <see cref="HttpRequestException.StatusCode"/> set), so
/// <c>catch (HttpRequestException)</c> and resilience predicates that look at HTTP failures see it. It is NOT an
/// <see cref="AmplifyException"/>: the request was authorized and sent, and the API answered; a
/// <c>catch (AmplifyException)</c> around a call does not catch it.
/// </remarks>
public sealed class AmplifyHttpStatusException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The endpoint called.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path (without the query string, which may carry secrets).</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The response body as text.</param>
    public AmplifyHttpStatusException(string apiName, HttpMethod method, string path, HttpStatusCode statusCode,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string body)
        : base(FormatMessage(apiName, method, path, statusCode, ParseErrorType(headers)), inner: null, statusCode)
    {
        ApiName = apiName;
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        ErrorType = ParseErrorType(headers);
    }

    /// <summary>Gets the endpoint that was called.</summary>
    /// <value>The endpoint's name.</value>
    public string ApiName { get; }

    /// <summary>Gets the response's status code.</summary>
    /// <value>A status outside 200–299; the same as the base class's <see cref="HttpRequestException.StatusCode"/>, never <see langword="null"/>.</value>
    public new HttpStatusCode StatusCode { get; }

    /// <summary>Gets the response headers (content headers included), by case-insensitive name.</summary>
    /// <value>Every header of the response.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the response body decoded as text.</summary>
    /// <value>Empty when the response had no body.</value>
    public string Body { get; }

    /// <summary>Gets the AWS error type from <c>x-amzn-ErrorType</c>, without its <c>:</c> suffix (e.g. <c>AccessDeniedException</c>).</summary>
    /// <value><see langword="null"/> when the response did not carry one.</value>
    public string? ErrorType { get; }

    private static string? ParseErrorType(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValue("x-amzn-ErrorType", out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return null;
        }

        var value = values[0];
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? value[..colon] : value).Trim();
    }

    private static string FormatMessage(string apiName, HttpMethod method, string path, HttpStatusCode statusCode, string? errorType) =>
        $"{method} {path} on endpoint '{apiName}' returned {(int)statusCode} {statusCode}{(errorType is null ? string.Empty : $" ({errorType})")}.";
}
