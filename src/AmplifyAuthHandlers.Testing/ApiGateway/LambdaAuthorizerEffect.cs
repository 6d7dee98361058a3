namespace AmplifyAuthHandlers.Testing;

/// <summary>What a Lambda authorizer decided, and so what API Gateway answers.</summary>
public enum LambdaAuthorizerEffect
{
    /// <summary>The policy allows the method: the request goes to the handler.</summary>
    Allow,

    /// <summary>The policy denies the method explicitly: 403 <c>AccessDeniedException</c> "User is not authorized to access this resource with an explicit deny".</summary>
    Deny,

    /// <summary>The policy does not allow the method: 403 <c>AccessDeniedException</c> "User is not authorized to access this resource".</summary>
    NotAllowed,

    /// <summary>The function failed with "Unauthorized": 401 <c>UnauthorizedException</c> "Unauthorized".</summary>
    Unauthorized,
}
