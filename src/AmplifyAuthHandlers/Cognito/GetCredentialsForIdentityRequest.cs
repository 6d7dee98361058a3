namespace AmplifyAuthHandlers;

/// <summary>The body of Cognito Identity's <c>GetCredentialsForIdentity</c>. <see cref="ToString"/> redacts the login tokens.</summary>
/// <param name="IdentityId">The identity ID <c>GetId</c> returned.</param>
/// <param name="Logins">Provider name → token, or <see langword="null"/> for an unauthenticated identity.</param>
internal sealed record GetCredentialsForIdentityRequest(string IdentityId, IReadOnlyDictionary<string, string>? Logins)
{
    /// <inheritdoc/>
    public override string ToString() => $"GetCredentialsForIdentityRequest {{ IdentityId = {IdentityId}, Logins = {CognitoRedaction.Keys(Logins)} }}";
}
