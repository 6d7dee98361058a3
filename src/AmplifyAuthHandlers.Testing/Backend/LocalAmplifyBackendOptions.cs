using Microsoft.AspNetCore.Http;

namespace AmplifyAuthHandlers.Testing;

/// <summary>Set-up of a <see cref="LocalAmplifyBackend"/>; read once, at start.</summary>
public sealed class LocalAmplifyBackendOptions
{
    /// <summary>Gets or sets the region of the pools, the signatures and the files.</summary>
    /// <value>The default value is <c>us-east-1</c>.</value>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Gets or sets the stage every API is deployed to.</summary>
    /// <value>The default value is <c>dev</c>.</value>
    public string Stage { get; set; } = "dev";

    /// <summary>Gets or sets the key the API_KEY API accepts.</summary>
    /// <value>The default value is <see langword="null"/>: a random key.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets the users to add to the user pool.</summary>
    /// <value>Empty by default: one user <c>demo</c> with a random password is added.</value>
    public IList<LocalAmplifyUser> Users { get; } = [];

    /// <summary>Gets or sets the clock of Cognito and the gateway (token and credential expiry, signature windows).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets what the APIs answer to authorized requests (your fake service), as <see cref="LocalApiGatewayOptions.Handler"/>.</summary>
    /// <value>The default value is <see langword="null"/>: a JSON echo of the method, path, query, authorization type, principal and role.</value>
    public Func<HttpContext, LocalApiInvocation, Task>? Handler { get; set; }

    /// <summary>Gets or sets the AWS_LAMBDA API's authorizer, as <see cref="LocalApiGatewayOptions.LambdaAuthorizer"/>.</summary>
    /// <value>The default value is <see langword="null"/>: a valid user-pool token (ID or access) is allowed, with its <c>sub</c> as the principal.</value>
    public Func<LambdaAuthorizerRequest, ValueTask<LambdaAuthorizerResult>>? LambdaAuthorizer { get; set; }
}
