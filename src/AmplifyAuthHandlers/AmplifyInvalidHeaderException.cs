namespace AmplifyAuthHandlers;

/// <summary>
/// A header the library would add to or forward on a request has a name that is not an HTTP token, or a value
/// with a character that cannot go in a header (CR, LF, NUL or another control character; non-ASCII where the
/// library supplies the value), so the request was not sent: a line break there would split the request on the
/// wire and hand the endpoint's credentials to the smuggled one. The message names the endpoint and the header,
/// never the value.
/// </summary>
public sealed class AmplifyInvalidHeaderException : AmplifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointName">The endpoint the request was for.</param>
    /// <param name="headerName">The header's name.</param>
    /// <param name="problem">What is wrong with it and where it came from, without its value.</param>
    public AmplifyInvalidHeaderException(string endpointName, string headerName, string problem)
        : base($"Endpoint '{endpointName}': header '{Printable(headerName)}' {problem}; the request was not sent. Header names must be HTTP tokens and values visible ASCII, spaces or tabs (no CR, LF, NUL or other control characters).")
    {
        EndpointName = endpointName;
        HeaderName = headerName;
    }

    /// <summary>Gets the endpoint the request was for.</summary>
    /// <value>The endpoint's name.</value>
    public string EndpointName { get; }

    /// <summary>Gets the name of the header that was refused.</summary>
    /// <value>The header name as given (it may itself be what is invalid).</value>
    public string HeaderName { get; }

    /// <summary>The name with control and non-ASCII characters shown as <c>?</c>, so a bad name cannot itself break a log line.</summary>
    internal static string Printable(string? name) =>
        name is null ? "(null)" : string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= ' ' and <= '~' ? source[i] : '?';
            }
        });
}
