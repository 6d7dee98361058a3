using Microsoft.AspNetCore.Http;

namespace AmplifyAuthHandlers.Testing;

/// <summary>Options of a <see cref="LocalApiGateway"/>.</summary>
public sealed class LocalApiGatewayOptions
{
    /// <summary>Gets or sets the stage every API is deployed to (the base URLs end with it).</summary>
    /// <value>The default value is <c>dev</c>.</value>
    public string Stage { get; set; } = "dev";

    /// <summary>Gets or sets the region SigV4 credential scopes must name (service <c>execute-api</c>).</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Gets or sets the key the API_KEY API wants in <c>x-api-key</c>.</summary>
    /// <value>The default value is <see langword="null"/>: a random key is made at start (see <see cref="LocalApiGateway.ApiKey"/>).</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the clock signatures, tokens and the <c>Date</c> response header are read against (plus <see cref="LocalApiGateway.ClockOffset"/>).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets the long-term or temporary keys the AWS_IAM API accepts besides those of <see cref="CredentialsAuthorities"/>.</summary>
    public IList<LocalAwsCredentials> StaticCredentials { get; } = [];

    /// <summary>Gets the authorities (a local Cognito identity pool) that know credentials by access key ID.</summary>
    public IList<ILocalCredentialsAuthority> CredentialsAuthorities { get; } = [];

    /// <summary>Gets the token issuers (local user pools) whose tokens the user-pool, OIDC and default Lambda authorizers accept.</summary>
    public IList<ILocalTokenIssuer> TokenIssuers { get; } = [];

    /// <summary>Gets the <c>token_use</c> values the AMAZON_COGNITO_USER_POOLS API accepts.</summary>
    /// <value>The default value is <c>access</c> and <c>id</c>.</value>
    public ISet<string> UserPoolTokenUses { get; } = new HashSet<string>(StringComparer.Ordinal) { "access", "id" };

    /// <summary>
    /// Gets or sets the handler that answers an authorized request. The request body can be read again from
    /// <see cref="HttpRequest.Body"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a JSON echo of method, path, query, authorization type, principal, role and body length.</value>
    public Func<HttpContext, LocalApiInvocation, Task>? Handler { get; set; }

    /// <summary>Gets or sets the AWS_LAMBDA API's authorizer (called only for requests that carry <c>Authorization</c>).</summary>
    /// <value>The default value is <see langword="null"/>: allow tokens a registered issuer signed and that have not expired; deny others.</value>
    public Func<LambdaAuthorizerRequest, ValueTask<LambdaAuthorizerResult>>? LambdaAuthorizer { get; set; }

    /// <summary>Gets or sets how many requests <see cref="LocalApiGateway.Requests"/> keeps (the oldest are dropped).</summary>
    /// <value>The default value is 10000.</value>
    public int MaxRecordedRequests { get; set; } = 10_000;
}
