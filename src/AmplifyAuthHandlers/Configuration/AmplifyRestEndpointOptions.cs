namespace AmplifyAuthHandlers;

/// <summary>One REST endpoint: where it is and how its requests are authorized.</summary>
public sealed class AmplifyRestEndpointOptions
{
    /// <summary>Gets or sets the endpoint's base URI, including the API Gateway stage (e.g. <c>https://abc.execute-api.us-west-2.amazonaws.com/dev</c>).</summary>
    /// <value>The default value is <see langword="null"/>, which fails validation.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the AWS region that signs requests to this endpoint.</summary>
    /// <value>The default value is <see langword="null"/>: for <c>AWS_IAM</c> the region is then read from an <c>*.execute-api.&lt;region&gt;.amazonaws.com</c> host.</value>
    public string? Region { get; set; }

    /// <summary>Gets or sets how requests to this endpoint are authorized.</summary>
    /// <value>The default value is <see cref="AmplifyAuthorizationType.AwsIam"/>, Amplify's default for REST endpoints.</value>
    public AmplifyAuthorizationType AuthorizationType { get; set; } = AmplifyAuthorizationType.AwsIam;

    /// <summary>
    /// Gets or sets the API key sent as <c>x-api-key</c>. Required for <c>API_KEY</c> endpoints; on any
    /// other endpoint it is sent too, alongside that endpoint's own authorization (API Gateway usage plans).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets the static headers added to every request to this endpoint; a header the request already carries wins.</summary>
    /// <value>The default value is an empty, case-insensitive dictionary.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets a function that supplies headers per request (like Amplify JS's <c>custom_header</c>),
    /// applied after <see cref="Headers"/>; a header the request already carries wins over both.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<HttpRequestMessage, CancellationToken, ValueTask<IEnumerable<KeyValuePair<string, string>>>>? HeaderProvider { get; set; }

    /// <summary>
    /// Gets or sets whether this endpoint's client may send requests to another origin (scheme, host, port).
    /// Such requests never carry this endpoint's credentials, key, token or custom headers.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: a request to another origin throws <see cref="AmplifyCrossOriginRequestException"/> and is not sent.</value>
    public bool AllowCrossOriginRequests { get; set; }

    /// <summary>
    /// Gets or sets which user-pool token an <c>AMAZON_COGNITO_USER_POOLS</c> endpoint receives
    /// (configuration key <c>TokenType</c>: <c>Access</c> or <c>Id</c>).
    /// </summary>
    /// <value>The default value is <see cref="AmplifyUserPoolTokenType.Access"/>, as every Amplify library sends it.</value>
    public AmplifyUserPoolTokenType TokenType { get; set; }

    /// <summary>
    /// Gets or sets whether the token of a token-authorized endpoint (<c>AMAZON_COGNITO_USER_POOLS</c>,
    /// <c>OPENID_CONNECT</c>, <c>AWS_LAMBDA</c>) is sent as <c>Authorization: Bearer &lt;token&gt;</c>
    /// (configuration key <c>BearerPrefix</c>).
    /// </summary>
    /// <value>The default value is <see langword="false"/>: the raw token, as Amplify sends it.</value>
    public bool BearerPrefix { get; set; }

    /// <summary>
    /// Gets or sets the most bytes of a request body buffered to sign it on an <c>AWS_IAM</c> endpoint, when the body
    /// cannot be read twice (a non-seekable stream, multipart, JSON or custom content; configuration key
    /// <c>MaxBufferedRequestBodyBytes</c>). A larger body throws <see cref="AmplifyRequestBodyTooLargeException"/> and
    /// is not sent. Byte arrays, strings and seekable streams are hashed where they lie and are not limited.
    /// </summary>
    /// <value>The default value is 10,485,760 (10 MB, API Gateway's payload limit); 1 to 2,147,483,591 is valid.</value>
    public long MaxBufferedRequestBodyBytes { get; set; } = Signing.AwsSigV4SignerOptions.DefaultMaxBufferedPayloadBytes;

    /// <summary>
    /// Gets how this endpoint's requests are retried and timed out (configuration section <c>Resilience</c>):
    /// on by default, as the AWS SDKs' standard retry mode. Set <see cref="AmplifyResilienceOptions.Enabled"/> to
    /// <see langword="false"/> to send each request once.
    /// </summary>
    /// <value>The default value is an <see cref="AmplifyResilienceOptions"/> with its defaults.</value>
    public AmplifyResilienceOptions Resilience { get; } = new();

    /// <summary>A reader already reported this endpoint's authorizationType as unreadable; mode checks would only add noise.</summary>
    internal bool AuthorizationTypeUnreadable { get; set; }

    /// <summary>Where each key of this endpoint came from (JSON path or configuration key), for error messages.</summary>
    internal Dictionary<string, string> SourcePaths { get; } = new(StringComparer.Ordinal);

    /// <summary>The description of where a key of this endpoint is configured.</summary>
    internal string PathOf(string endpointName, string key) =>
        SourcePaths.TryGetValue(key, out var path) ? path : $"Endpoints[\"{endpointName}\"].{key}";
}
