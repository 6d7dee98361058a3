namespace AmplifyAuthHandlers.Testing;

/// <summary>The decision of a Lambda authorizer (<see cref="LocalApiGatewayOptions.LambdaAuthorizer"/>).</summary>
public sealed class LambdaAuthorizerResult
{
    private LambdaAuthorizerResult(LambdaAuthorizerEffect effect, string? principalId)
    {
        Effect = effect;
        PrincipalId = principalId;
    }

    /// <summary>Gets a result that fails the function with "Unauthorized" (401).</summary>
    public static LambdaAuthorizerResult Unauthorized { get; } = new(LambdaAuthorizerEffect.Unauthorized, null);

    /// <summary>Gets the decision.</summary>
    public LambdaAuthorizerEffect Effect { get; }

    /// <summary>Gets the policy's <c>principalId</c>, or <see langword="null"/>.</summary>
    public string? PrincipalId { get; }

    /// <summary>Allows the request for <paramref name="principalId"/>.</summary>
    /// <param name="principalId">The caller.</param>
    /// <returns>The result.</returns>
    public static LambdaAuthorizerResult Allow(string principalId) => new(LambdaAuthorizerEffect.Allow, principalId);

    /// <summary>Denies the request with an explicit Deny statement (403).</summary>
    /// <param name="principalId">The caller.</param>
    /// <returns>The result.</returns>
    public static LambdaAuthorizerResult Deny(string principalId) => new(LambdaAuthorizerEffect.Deny, principalId);

    /// <summary>Returns a policy that does not cover the method (403, implicit deny).</summary>
    /// <param name="principalId">The caller, or <see langword="null"/>.</param>
    /// <returns>The result.</returns>
    public static LambdaAuthorizerResult NotAllowed(string? principalId = null) => new(LambdaAuthorizerEffect.NotAllowed, principalId);
}
