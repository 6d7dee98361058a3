namespace AmplifyAuthHandlers.Testing;

/// <summary>What a TOKEN Lambda authorizer receives.</summary>
public sealed class LambdaAuthorizerRequest
{
    internal LambdaAuthorizerRequest(string authorizationToken, string methodArn, string method, string path)
    {
        AuthorizationToken = authorizationToken;
        MethodArn = methodArn;
        Method = method;
        Path = path;
    }

    /// <summary>Gets the <c>Authorization</c> header's value (the identity source), never empty.</summary>
    public string AuthorizationToken { get; }

    /// <summary>Gets the method ARN, <c>arn:aws:execute-api:{region}:000000000000:{api}/{stage}/{METHOD}/{path}</c>.</summary>
    public string MethodArn { get; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the resource path after the stage, as received.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public override string ToString() => $"LambdaAuthorizerRequest {{ MethodArn = {MethodArn}, AuthorizationToken = *** }}";
}
