namespace AmplifyAuthHandlers;

/// <summary>
/// The body of Cognito User Pools' <c>RespondToAuthChallenge</c>. <see cref="ToString"/> redacts the session and
/// prints the response names only.
/// </summary>
/// <param name="ClientId">The app client ID.</param>
/// <param name="ChallengeName">The challenge being answered, one of <see cref="CognitoChallengeName"/>.</param>
/// <param name="Session">The session of the previous response, or <see langword="null"/> (PASSWORD_VERIFIER has none).</param>
/// <param name="ChallengeResponses">The answers; for PASSWORD_VERIFIER see <see cref="CognitoSrpHelper.CreatePasswordVerifierResponses"/>.</param>
/// <param name="ClientMetadata">Values passed to Lambda triggers, or <see langword="null"/>.</param>
internal sealed record RespondToAuthChallengeRequest(
    string ClientId,
    string ChallengeName,
    string? Session,
    IReadOnlyDictionary<string, string> ChallengeResponses,
    IReadOnlyDictionary<string, string>? ClientMetadata = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"RespondToAuthChallengeRequest {{ ClientId = {ClientId}, ChallengeName = {ChallengeName}, Session = {CognitoRedaction.Secret(Session)}, ChallengeResponses = {CognitoRedaction.Keys(ChallengeResponses)}, ClientMetadata = {CognitoRedaction.Keys(ClientMetadata)} }}";
}
