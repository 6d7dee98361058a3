namespace AmplifyAuthHandlers;

/// <summary>The body of Cognito Identity's <c>GetId</c>. <see cref="ToString"/> redacts the login tokens.</summary>
/// <param name="IdentityPoolId">The identity pool, for example <c>us-east-1:0000…</c>.</param>
/// <param name="Logins">Provider name → token (for a user pool: <c>cognito-idp.{region}.amazonaws.com/{poolId}</c> → ID token), or <see langword="null"/> for an unauthenticated identity.</param>
internal sealed record GetIdRequest(string IdentityPoolId, IReadOnlyDictionary<string, string>? Logins)
{
    /// <inheritdoc/>
    public override string ToString() => $"GetIdRequest {{ IdentityPoolId = {IdentityPoolId}, Logins = {CognitoRedaction.Keys(Logins)} }}";
}
