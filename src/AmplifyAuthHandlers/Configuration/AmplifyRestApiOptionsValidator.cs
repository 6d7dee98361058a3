using System.Globalization;
using System.Text.RegularExpressions;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers;

/// <summary>
/// Checks the whole configuration at start-up and reports every problem at once, each naming the endpoint
/// and the key or JSON path it came from, so a bad deployment fails before its first request.
/// </summary>
/// <remarks>
/// Every rule that needs only the options lives here, per-mode rules included. Rules that need to know what
/// else was registered (a credentials source for <c>AWS_IAM</c>, a token provider for <c>OPENID_CONNECT</c> /
/// <c>AWS_LAMBDA</c>) are validators of their own beside those registrations, in Credentials and Auth, since
/// Configuration may not look to its right; the options framework reports all validators' problems together.
/// </remarks>
internal sealed partial class AmplifyRestApiOptionsValidator(AmplifyServiceRegistry registry) : IValidateOptions<AmplifyRestApiOptions>
{
    private static readonly HashSet<string> ForbiddenStaticHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
    };

    public ValidateOptionsResult Validate(string? name, AmplifyRestApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.LoadProblems);
        foreach (var (endpointName, endpoint) in options.Endpoints)
        {
            ValidateEndpoint(endpointName, endpoint, problems);
        }

        foreach (var (clientName, endpointName) in registry.ClientEndpoints)
        {
            if (!options.Endpoints.ContainsKey(endpointName))
            {
                problems.Add($"HttpClient '{clientName}' is bound to endpoint '{endpointName}' with AddAmplifyAuthorization, but no endpoint of that name is configured. Configured endpoints: {Names(options)}.");
            }
        }

        ValidateStaticCredentials(options.Credentials, problems);
        ValidateAuth(options.Auth, problems);
        ValidateSignInFlow(options.Auth, problems);
        ValidatePoolRegions(options.Auth, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateEndpoint(string name, AmplifyRestEndpointOptions? endpoint, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("An endpoint has an empty name; every endpoint needs a name (it is also its HttpClient's name).");
            return;
        }

        if (endpoint is null)
        {
            problems.Add($"Endpoint '{name}' is null; give it at least 'endpoint' and 'authorizationType'.");
            return;
        }

        var uriPath = endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.Endpoint));
        var uri = endpoint.Endpoint;
        if (uri is null)
        {
            problems.Add($"Endpoint '{name}': 'endpoint' is missing at {uriPath}; set it to the API's invoke URL, e.g. https://abc123.execute-api.us-west-2.amazonaws.com/dev.");
        }
        else if (!uri.IsAbsoluteUri)
        {
            problems.Add($"Endpoint '{name}': '{uri.OriginalString}' at {uriPath} is not an absolute URI; expected e.g. https://abc123.execute-api.us-west-2.amazonaws.com/dev.");
            uri = null;
        }
        else if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            var written = AsWritten(uri);
            var hint = uri.OriginalString.Contains("://", StringComparison.Ordinal) ? "" : $" It has no scheme: write https://{written}.";
            problems.Add($"Endpoint '{name}': '{written}' at {uriPath} uses the scheme '{uri.Scheme}'; only https:// (and http:// to loopback) is allowed.{hint}");
            uri = null;
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            problems.Add($"Endpoint '{name}': '{AmplifyEndpoint.OriginOf(uri)}' at {uriPath} uses http:// to a host that is not loopback; credentials would cross the network in clear text. Use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost).");
        }
        else
        {
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                problems.Add($"Endpoint '{name}': the URI at {uriPath} has a query or fragment; an endpoint is a base address (scheme, host and stage path) only.");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                problems.Add($"Endpoint '{name}': the URI at {uriPath} carries user information before the host; remove it (credentials never belong in a URI).");
            }
        }

        if (endpoint.MaxBufferedRequestBodyBytes < 1 || endpoint.MaxBufferedRequestBodyBytes > Array.MaxLength)
        {
            problems.Add($"Endpoint '{name}': MaxBufferedRequestBodyBytes {endpoint.MaxBufferedRequestBodyBytes.ToString(CultureInfo.InvariantCulture)} at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.MaxBufferedRequestBodyBytes))} is out of range; expected 1 to {Array.MaxLength.ToString(CultureInfo.InvariantCulture)} bytes (default 10485760, API Gateway's 10 MB payload limit).");
        }

        if (endpoint.AuthorizationTypeUnreadable)
        {
            return;
        }

        if (!Enum.IsDefined(endpoint.AuthorizationType))
        {
            problems.Add($"Endpoint '{name}': unknown authorizationType {((int)endpoint.AuthorizationType).ToString(CultureInfo.InvariantCulture)} at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.AuthorizationType))}; expected one of {AmplifyAuthorizationTypeNames.AllNames}.");
            return;
        }

        if (endpoint.Region is not null && !AwsRegion.IsValid(endpoint.Region))
        {
            problems.Add($"Endpoint '{name}': '{endpoint.Region}' at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.Region))} is not an AWS region name (e.g. us-west-2).");
        }

        switch (endpoint.AuthorizationType)
        {
            case AmplifyAuthorizationType.ApiKey when string.IsNullOrWhiteSpace(endpoint.ApiKey):
                problems.Add($"Endpoint '{name}': authorizationType API_KEY needs 'apiKey' at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.ApiKey))}; set it to the API Gateway key.");
                break;
            case AmplifyAuthorizationType.AwsIam when endpoint.Region is null && uri is not null && !ExecuteApiHost.TryParseExecuteApiRegion(uri, out _):
                problems.Add($"Endpoint '{name}': authorizationType AWS_IAM needs 'region' at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.Region))}; it cannot be read from the host '{uri.Host}' (only *.execute-api.<region>.amazonaws.com hosts carry it).");
                break;
        }

        if (endpoint.ApiKey is { } key && key.Any(c => c < ' ' || c >= 127))
        {
            problems.Add($"Endpoint '{name}': 'apiKey' at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.ApiKey))} contains control or non-ASCII characters; an API Gateway key is printable ASCII.");
        }

        var headersPath = endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.Headers));
        foreach (var (header, value) in endpoint.Headers)
        {
            // Checked here once rather than failing every request with a raw FormatException (or sending NUL/ESC raw).
            if (!HttpHeaderSyntax.IsToken(header))
            {
                problems.Add($"Endpoint '{name}': '{AmplifyInvalidHeaderException.Printable(header)}' in its headers at {headersPath} is not a valid HTTP header name; a name is letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110 token).");
            }
            else if (ForbiddenStaticHeaders.Contains(header))
            {
                problems.Add($"Endpoint '{name}': header '{header}' at {headersPath} cannot be set as a custom header; HttpClient or the signer owns it. Remove it from the endpoint's headers.");
            }

            if (value is null)
            {
                problems.Add($"Endpoint '{name}': the value of header '{AmplifyInvalidHeaderException.Printable(header)}' at {headersPath} is missing.");
            }
            else if (!HttpHeaderSyntax.IsPrintableValue(value))
            {
                // The value is not echoed: custom headers often carry keys.
                problems.Add($"Endpoint '{name}': the value of header '{AmplifyInvalidHeaderException.Printable(header)}' at {headersPath} contains a control character (such as a line break, NUL or ESC) or a non-ASCII character; header values must be visible ASCII, spaces or tabs.");
            }
        }

        AmplifyResilienceRules.Validate(name, endpoint, problems);

        if (endpoint.AuthorizationType == AmplifyAuthorizationType.AmazonCognitoUserPools && !Enum.IsDefined(endpoint.TokenType))
        {
            problems.Add($"Endpoint '{name}': unknown user-pool token type {((int)endpoint.TokenType).ToString(CultureInfo.InvariantCulture)} at {endpoint.PathOf(name, nameof(AmplifyRestEndpointOptions.TokenType))}; expected Access or Id.");
        }
    }

    /// <summary>
    /// Static keys travel in <c>Authorization</c> and <c>X-Amz-Security-Token</c>: a line break there would inject a
    /// header line, and non-ASCII would fail every request. Refused at start-up, never echoed.
    /// </summary>
    private static void ValidateStaticCredentials(AwsCredentialsOptions credentials, List<string> problems)
    {
        Check(credentials.AccessKeyId, nameof(AwsCredentialsOptions.AccessKeyId));
        Check(credentials.SecretAccessKey, nameof(AwsCredentialsOptions.SecretAccessKey));
        Check(credentials.SessionToken, nameof(AwsCredentialsOptions.SessionToken));

        void Check(string? value, string key)
        {
            if (value is not null && !HttpHeaderSyntax.IsPrintableAscii(value))
            {
                problems.Add($"AWS credentials: the value at Credentials:{key} contains a control character (such as a line break) or a non-ASCII character; AWS credentials are printable ASCII. Check how the value was pasted or generated (it is not shown here).");
            }
        }
    }

    private static void ValidateAuth(AmplifyAuthOptions auth, List<string> problems)
    {
        if (auth.UserPool is { } pool && pool.Region is not null && !AwsRegion.IsValid(pool.Region))
        {
            problems.Add($"Auth user pool: '{pool.Region}' is not an AWS region name (CognitoUserPool.Default.Region).");
        }

        if (auth.IdentityPool is { } identity && identity.Region is not null && !AwsRegion.IsValid(identity.Region))
        {
            problems.Add($"Auth identity pool: '{identity.Region}' is not an AWS region name (CredentialsProvider.CognitoIdentity.Default.Region).");
        }

        if (auth.IdentityPool is { } roles)
        {
            ValidateRoleArn(roles.UnauthenticatedRoleArn, nameof(CognitoIdentityPoolOptions.UnauthenticatedRoleArn), problems);
            ValidateRoleArn(roles.AuthenticatedRoleArn, nameof(CognitoIdentityPoolOptions.AuthenticatedRoleArn), problems);
            ValidateServiceEndpoint(roles.StsEndpoint, "Auth:IdentityPool:StsEndpoint", "web identity tokens", problems);
            ValidateServiceEndpoint(roles.Endpoint, "CredentialsProvider.CognitoIdentity.Default.Endpoint (Auth:IdentityPool:Endpoint)", "ID tokens and AWS secret keys", problems);
        }

        if (auth.UserPool is { } userPool)
        {
            ValidateServiceEndpoint(userPool.Endpoint, "CognitoUserPool.Default.Endpoint (Auth:UserPool:Endpoint)", "passwords and refresh tokens", problems);
        }
    }

    /// <summary>An endpoint override must be https, or http to loopback only (a local emulator).</summary>
    private static void ValidateServiceEndpoint(Uri? endpoint, string key, string whatTravels, List<string> problems)
    {
        if (endpoint is null)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            // Echo the value as written: 'cognito-idp.local:9229' parses as the scheme 'cognito-idp.local', and its
            // reconstructed origin ('cognito-idp.local://') would hide what is actually wrong.
            var written = AsWritten(endpoint);
            var hint = endpoint.OriginalString.Contains("://", StringComparison.Ordinal) ? "" : $" It has no scheme: write https://{written} (or http:// to a loopback emulator).";
            problems.Add($"Auth: '{written}' at {key} is not an absolute https:// URI (http:// is allowed only for loopback); {whatTravels} must not cross the network in clear text.{hint}");
        }
        else if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
        {
            problems.Add($"Auth: '{AmplifyEndpoint.OriginOf(endpoint)}' at {key} is not an absolute https:// URI (http:// is allowed only for loopback); {whatTravels} must not cross the network in clear text.");
        }
    }

    /// <summary>The value as the user wrote it, without anything before an '@' (user information never belongs in a message).</summary>
    private static string AsWritten(Uri uri)
    {
        var written = uri.OriginalString.Trim();
        var at = written.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? written : "…@" + written[(at + 1)..];
    }

    /// <summary>
    /// The sign-in flow is checked here rather than at the first SignInAsync, so a typo or an unsupported flow
    /// (CUSTOM_AUTH, USER_AUTH) fails start-up like every other configuration problem.
    /// </summary>
    private static void ValidateSignInFlow(AmplifyAuthOptions auth, List<string> problems)
    {
        if (auth.UserPool is { AuthenticationFlowType: { Length: > 0 } flow } && flow is not ("USER_SRP_AUTH" or "USER_PASSWORD_AUTH"))
        {
            problems.Add($"Auth user pool: authenticationFlowType '{flow}' is not supported; use USER_SRP_AUTH (Amplify's default) or USER_PASSWORD_AUTH (Auth.Default.authenticationFlowType in amplifyconfiguration.json, auth.authentication_flow_type in amplify_outputs.json, Auth:UserPool:AuthenticationFlowType in appsettings).");
        }
    }

    /// <summary>
    /// A pool ID starts with its region (<c>us-east-1_abc</c>, <c>us-east-1:guid</c>). A Region that says otherwise
    /// sends the calls to a region that has no such pool: sign-in may even succeed against one service while the
    /// next call fails with "Invalid login token", far from the cause.
    /// </summary>
    private static void ValidatePoolRegions(AmplifyAuthOptions auth, List<string> problems)
    {
        if (auth.UserPool is { PoolId: { } poolId, Region: { } region } && RegionPrefix(poolId, '_') is { } poolRegion
            && AwsRegion.IsValid(region) && region != poolRegion)
        {
            problems.Add($"Auth user pool: Region '{region}' contradicts the pool ID '{poolId}', whose region is {poolRegion} (CognitoUserPool.Default.Region, auth.aws_region, aws_cognito_region or Auth:UserPool:Region). Set the Region to {poolRegion}, or remove it: the pool ID's region is then used.");
        }

        if (auth.IdentityPool is { PoolId: { } identityPoolId, Region: { } identityRegion } && RegionPrefix(identityPoolId, ':') is { } identityPoolRegion
            && AwsRegion.IsValid(identityRegion) && identityRegion != identityPoolRegion)
        {
            problems.Add($"Auth identity pool: Region '{identityRegion}' contradicts the pool ID '{identityPoolId}', whose region is {identityPoolRegion} (CredentialsProvider.CognitoIdentity.Default.Region, auth.aws_region, aws_cognito_region or Auth:IdentityPool:Region). Set the Region to {identityPoolRegion}, or remove it: the pool ID's region is then used.");
        }
    }

    private static string? RegionPrefix(string poolId, char separator)
    {
        var at = poolId.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 && AwsRegion.IsValid(poolId[..at]) ? poolId[..at] : null;
    }

    private static void ValidateRoleArn(string? arn, string key, List<string> problems)
    {
        if (arn is not null && !RoleArnPattern().IsMatch(arn))
        {
            problems.Add($"Auth identity pool: '{arn}' at Auth:IdentityPool:{key} is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name>, e.g. arn:aws:iam::123456789012:role/MyPool_Auth_Role.");
        }
    }

    [GeneratedRegex(@"^arn:aws[-a-z]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    private static string Names(AmplifyRestApiOptions options) =>
        options.Endpoints.Count == 0 ? "(none)" : string.Join(", ", options.Endpoints.Keys.Order(StringComparer.Ordinal));
}
