namespace AmplifyAuthHandlers;

/// <summary>The body of Cognito Identity's <c>GetOpenIdToken</c>. <see cref="ToString"/> redacts the login tokens.</summary>
/// <param name="IdentityId">The identity ID <c>GetId</c> returned.</param>
/// <param name="Logins">Provider name → token, or <see langword="null"/>.</param>
internal sealed record GetOpenIdTokenRequest(string IdentityId, IReadOnlyDictionary<string, string>? Logins)
{
    /// <inheritdoc/>
    public override string ToString() => $"GetOpenIdTokenRequest {{ IdentityId = {IdentityId}, Logins = {CognitoRedaction.Keys(Logins)} }}";
}
