namespace AmplifyAuthHandlers;

/// <summary>The body of Cognito User Pools' <c>GlobalSignOut</c>. <see cref="ToString"/> redacts the token.</summary>
/// <param name="AccessToken">The signed-in user's access token.</param>
internal sealed record GlobalSignOutRequest(string AccessToken)
{
    /// <inheritdoc/>
    public override string ToString() => $"GlobalSignOutRequest {{ AccessToken = {CognitoRedaction.Redacted} }}";
}
