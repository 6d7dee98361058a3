namespace AmplifyAuthHandlers;

/// <summary>Every REST endpoint and the auth settings they share, whichever source they were read from.</summary>
public sealed class AmplifyRestApiOptions
{
    /// <summary>Gets the REST endpoints by name; each name is also the name of its <see cref="HttpClient"/>.</summary>
    /// <value>The default value is an empty dictionary; names are case-sensitive, as in Amplify's configuration.</value>
    public IDictionary<string, AmplifyRestEndpointOptions> Endpoints { get; } = new Dictionary<string, AmplifyRestEndpointOptions>(StringComparer.Ordinal);

    /// <summary>Gets the Cognito settings used by <c>AWS_IAM</c> and <c>AMAZON_COGNITO_USER_POOLS</c> endpoints.</summary>
    /// <value>The default value is an instance with neither pool configured.</value>
    public AmplifyAuthOptions Auth { get; } = new();

    /// <summary>Gets where <c>AWS_IAM</c> endpoints get credentials when no provider is registered.</summary>
    /// <value>The default value has no static keys and the SDK chain off.</value>
    public AwsCredentialsOptions Credentials { get; } = new();

    /// <summary>Problems the configuration readers found; reported, all at once, by validation at start-up.</summary>
    internal List<string> LoadProblems { get; } = [];

    /// <summary>
    /// Adds or replaces an endpoint.
    /// </summary>
    /// <param name="name">The endpoint's name (its client's name).</param>
    /// <param name="endpoint">The base URI including the stage.</param>
    /// <param name="authorizationType">How its requests are authorized.</param>
    /// <returns>The endpoint's options, to set the rest.</returns>
    public AmplifyRestEndpointOptions AddEndpoint(string name, Uri endpoint, AmplifyAuthorizationType authorizationType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(endpoint);
        var options = new AmplifyRestEndpointOptions { Endpoint = endpoint, AuthorizationType = authorizationType };
        Endpoints[name] = options;
        return options;
    }
}
