
namespace AmplifyAuthHandlers;

/// <summary>What an <see cref="IAmplifyTokenProvider"/> is asked for: a token for one endpoint, fresh or not.</summary>
public sealed class AmplifyTokenContext
{
    /// <summary>Creates a context (the handlers create these; tests of a provider can too).</summary>
    /// <param name="endpointName">The endpoint the request goes to.</param>
    /// <param name="authorizationType">The endpoint's authorization type.</param>
    /// <param name="forceRefresh">Whether the endpoint just rejected the previous token with 401.</param>
    public AmplifyTokenContext(string endpointName, AmplifyAuthorizationType authorizationType, bool forceRefresh)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointName);
        EndpointName = endpointName;
        AuthorizationType = authorizationType;
        ForceRefresh = forceRefresh;
    }

    /// <summary>Gets the name of the endpoint the request goes to.</summary>
    /// <value>The endpoint's name in the Amplify configuration.</value>
    public string EndpointName { get; }

    /// <summary>Gets the endpoint's authorization type.</summary>
    /// <value><see cref="AmplifyAuthorizationType.OpenIdConnect"/> or <see cref="AmplifyAuthorizationType.AwsLambda"/>.</value>
    public AmplifyAuthorizationType AuthorizationType { get; }

    /// <summary>
    /// Gets whether the endpoint answered the previous token with 401 and a new token is wanted: skip any cache.
    /// The request is retried once with the new token; returning the token just rejected returns the 401 instead.
    /// </summary>
    /// <value><see langword="false"/> for the first attempt of a request.</value>
    public bool ForceRefresh { get; }

    /// <summary>Returns a description of the context (it carries no secret).</summary>
    /// <returns>For example <c>AmplifyTokenContext { EndpointName = orders, AuthorizationType = OpenIdConnect, ForceRefresh = False }</c>.</returns>
    public override string ToString() =>
        $"AmplifyTokenContext {{ EndpointName = {EndpointName}, AuthorizationType = {AuthorizationType}, ForceRefresh = {ForceRefresh} }}";
}
