namespace AmplifyAuthHandlers.Testing;

/// <summary>An authorized request as a <see cref="LocalApiGatewayOptions.Handler"/> sees it.</summary>
public sealed class LocalApiInvocation
{
    internal LocalApiInvocation(string authorizationType, string method, string path, string query, string? principal, string? role, ReadOnlyMemory<byte> body)
    {
        AuthorizationType = authorizationType;
        Method = method;
        Path = path;
        Query = query;
        Principal = principal;
        Role = role;
        Body = body;
    }

    /// <summary>Gets the API's <c>authorizationType</c>, as Amplify spells it (<c>AWS_IAM</c>, <c>API_KEY</c>, ...).</summary>
    public string AuthorizationType { get; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the resource path after the stage, as received (still percent-encoded), e.g. <c>/items/1</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the raw query string without <c>?</c> (presigned SigV4 parameters included).</summary>
    public string Query { get; }

    /// <summary>Gets who the authorizer verified: the credentials' principal, the token's <c>sub</c>, the Lambda authorizer's principal ID; <see langword="null"/> on NONE and API_KEY.</summary>
    public string? Principal { get; }

    /// <summary>Gets the role of verified AWS credentials, or the <c>token_use</c> of a verified token.</summary>
    public string? Role { get; }

    /// <summary>Gets the request body as received.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
