namespace AmplifyAuthHandlers;

/// <summary>
/// The body of Cognito User Pools' <c>InitiateAuth</c>. <see cref="ToString"/> prints the parameter names only
/// (the values hold passwords, refresh tokens and secret hashes).
/// </summary>
/// <param name="AuthFlow">One of <see cref="CognitoAuthFlow"/>.</param>
/// <param name="ClientId">The app client ID.</param>
/// <param name="AuthParameters">The flow's parameters; keys in <see cref="CognitoAuthParameters"/>.</param>
/// <param name="ClientMetadata">Values passed to Lambda triggers, or <see langword="null"/>.</param>
internal sealed record InitiateAuthRequest(
    string AuthFlow,
    string ClientId,
    IReadOnlyDictionary<string, string> AuthParameters,
    IReadOnlyDictionary<string, string>? ClientMetadata = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"InitiateAuthRequest {{ AuthFlow = {AuthFlow}, ClientId = {ClientId}, AuthParameters = {CognitoRedaction.Keys(AuthParameters)}, ClientMetadata = {CognitoRedaction.Keys(ClientMetadata)} }}";
}
