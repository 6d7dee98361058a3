namespace AmplifyAuthHandlers;

/// <summary>
/// A request through an endpoint's client went to another origin (scheme, host or port) and was not sent,
/// so that the endpoint's credentials cannot leak. Set <c>AllowCrossOriginRequests</c> on the endpoint to
/// let such requests go out without credentials.
/// </summary>
public sealed class AmplifyCrossOriginRequestException : AmplifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointName">The endpoint whose client sent the request.</param>
    /// <param name="endpointOrigin">The endpoint's origin, <c>scheme://host:port</c>.</param>
    /// <param name="requestOrigin">The request's origin, <c>scheme://host:port</c>.</param>
    public AmplifyCrossOriginRequestException(string endpointName, string endpointOrigin, string requestOrigin)
        : base($"Endpoint '{endpointName}' refused to send a request to {requestOrigin}: its credentials are only for {endpointOrigin}. Use a relative path, or set AllowCrossOriginRequests on endpoint '{endpointName}' to send such requests without credentials.")
    {
        EndpointName = endpointName;
        EndpointOrigin = endpointOrigin;
        RequestOrigin = requestOrigin;
    }

    /// <summary>Gets the endpoint whose client sent the request.</summary>
    /// <value>The endpoint's name.</value>
    public string EndpointName { get; }

    /// <summary>Gets the endpoint's origin.</summary>
    /// <value>For example <c>https://abc.execute-api.us-west-2.amazonaws.com</c>.</value>
    public string EndpointOrigin { get; }

    /// <summary>Gets the origin the request went to.</summary>
    /// <value>For example <c>https://example.com</c>.</value>
    public string RequestOrigin { get; }
}
