namespace AmplifyAuthHandlers;

/// <summary>Per-request options of <see cref="IAmplifyRestApi"/>: headers, query parameters and a body.</summary>
public sealed class AmplifyRequestOptions
{
    /// <summary>Gets the request's headers; they win over the endpoint's custom headers.</summary>
    /// <value>The default value is an empty, case-insensitive dictionary.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the query parameters, appended to the path and percent-encoded.</summary>
    /// <value>The default value is an empty list; a key may repeat.</value>
    public IList<KeyValuePair<string, string>> QueryParameters { get; } = [];

    /// <summary>Gets or sets the request body.</summary>
    /// <value>The default value is <see langword="null"/>: no body.</value>
    public AmplifyRestBody? Body { get; set; }
}
