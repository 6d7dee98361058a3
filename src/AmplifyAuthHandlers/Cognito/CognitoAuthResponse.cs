namespace AmplifyAuthHandlers;

/// <summary>
/// The body <c>InitiateAuth</c> and <c>RespondToAuthChallenge</c> return: either tokens
/// (<see cref="AuthenticationResult"/>) or the next challenge. <see cref="ToString"/> redacts the session and the
/// challenge parameter values.
/// </summary>
internal sealed record CognitoAuthResponse
{
    /// <summary>Gets the next challenge, for example <c>PASSWORD_VERIFIER</c>, or <see langword="null"/> when signed in.</summary>
    public string? ChallengeName { get; init; }

    /// <summary>Gets the session to pass back with the challenge's answer.</summary>
    public string? Session { get; init; }

    /// <summary>Gets the challenge's parameters (for PASSWORD_VERIFIER: SRP_B, SALT, SECRET_BLOCK, USER_ID_FOR_SRP).</summary>
    public IReadOnlyDictionary<string, string>? ChallengeParameters { get; init; }

    /// <summary>Gets the tokens, when the flow completed.</summary>
    public AuthenticationResult? AuthenticationResult { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"CognitoAuthResponse {{ ChallengeName = {ChallengeName ?? CognitoRedaction.None}, Session = {CognitoRedaction.Secret(Session)}, ChallengeParameters = {CognitoRedaction.Keys(ChallengeParameters)}, AuthenticationResult = {AuthenticationResult?.ToString() ?? CognitoRedaction.None} }}";
}
