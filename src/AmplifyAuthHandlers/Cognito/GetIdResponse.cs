namespace AmplifyAuthHandlers;

/// <summary>The body Cognito Identity's <c>GetId</c> returns.</summary>
internal sealed record GetIdResponse
{
    /// <summary>Gets the identity ID, for example <c>us-east-1:1111…</c>.</summary>
    public string? IdentityId { get; init; }
}
