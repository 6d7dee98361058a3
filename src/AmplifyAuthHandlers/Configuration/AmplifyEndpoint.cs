using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>One validated endpoint, in the form the handlers use on every request.</summary>
internal sealed class AmplifyEndpoint
{
    public AmplifyEndpoint(string name, AmplifyRestEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.Endpoint ?? throw new ArgumentException($"Endpoint '{name}' has no URI.", nameof(options));
        Name = name;
        var baseText = uri.GetLeftPart(UriPartial.Path);
        BaseAddress = new Uri(baseText.EndsWith('/') ? baseText : baseText + "/", UriKind.Absolute);
        BasePath = BaseAddress.AbsolutePath;
        AuthorizationType = options.AuthorizationType;
        Region = options.Region ?? (ExecuteApiHost.TryParseExecuteApiRegion(BaseAddress, out var parsed) ? parsed : null);
        ApiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        Headers = [.. options.Headers];
        HeaderProvider = options.HeaderProvider;
        AllowCrossOriginRequests = options.AllowCrossOriginRequests;
        TokenType = options.TokenType;
        BearerPrefix = options.BearerPrefix;
        MaxBufferedRequestBodyBytes = options.MaxBufferedRequestBodyBytes;
        Resilience.CopyFrom(options.Resilience);
    }

    public string Name { get; }

    /// <summary>The endpoint with a trailing slash, so relative paths keep the stage.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The stage path with a trailing slash, e.g. <c>/dev/</c>; <c>/</c> when there is none.</summary>
    public string BasePath { get; }

    public AmplifyAuthorizationType AuthorizationType { get; }

    /// <summary>The signing region: configured, or read from an execute-api host; null where neither applies.</summary>
    public string? Region { get; }

    public string? ApiKey { get; }

    public KeyValuePair<string, string>[] Headers { get; }

    public Func<HttpRequestMessage, CancellationToken, ValueTask<IEnumerable<KeyValuePair<string, string>>>>? HeaderProvider { get; }

    public bool AllowCrossOriginRequests { get; }

    public AmplifyUserPoolTokenType TokenType { get; }

    public bool BearerPrefix { get; }

    /// <summary>The most bytes of a one-shot body the signer buffers to hash it.</summary>
    public long MaxBufferedRequestBodyBytes { get; }

    /// <summary>The endpoint's retry and timeout settings, copied so a later change to the options is not half-seen.</summary>
    public AmplifyResilienceOptions Resilience { get; } = new();

    /// <summary>Whether requests carry anything a redirect could leak elsewhere.</summary>
    public bool CarriesCredentials => ApiKey is not null || AuthorizationType != AmplifyAuthorizationType.None || Headers.Length > 0 || HeaderProvider is not null;

    /// <summary>Same scheme, host and port: the only requests that get this endpoint's credentials.</summary>
    public bool IsSameOrigin(Uri uri) =>
        uri.IsAbsoluteUri
        && string.Equals(uri.Scheme, BaseAddress.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, BaseAddress.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == BaseAddress.Port;

    /// <summary>The origin as <c>scheme://host:port</c>, for messages (never a path or query, which could carry secrets).</summary>
    public static string OriginOf(Uri uri) => uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Authority}" : "(relative URI)";
}
