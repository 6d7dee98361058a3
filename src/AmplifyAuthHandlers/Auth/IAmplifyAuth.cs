namespace AmplifyAuthHandlers;

/// <summary>
/// Amplify's Auth category for .NET servers and workers: signs a user in to the configured Cognito user pool,
/// keeps the tokens fresh, and signs out. The signed-in user's tokens authorize <c>AMAZON_COGNITO_USER_POOLS</c>
/// endpoints, and their ID token selects the identity pool's authenticated role for <c>AWS_IAM</c> endpoints.
/// </summary>
public interface IAmplifyAuth
{
    /// <summary>
    /// Signs in with the flow of <c>authenticationFlowType</c>: <c>USER_SRP_AUTH</c> (the password never leaves
    /// the process) or <c>USER_PASSWORD_AUTH</c>.
    /// </summary>
    /// <param name="username">The user name (or alias).</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Signed in, or the challenge to answer with <see cref="ConfirmSignInAsync"/>.</returns>
    /// <exception cref="CognitoServiceException">Cognito refused (wrong password, unknown user, …).</exception>
    /// <exception cref="AmplifyAuthException">No user pool is configured, or a user is already signed in.</exception>
    Task<AmplifySignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default);

    /// <summary>Answers the pending sign-in challenge: a new password, an SMS or TOTP code, or the chosen MFA type.</summary>
    /// <param name="answer">The answer to <see cref="AmplifySignInResult.NextStep"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Signed in, or the next challenge.</returns>
    /// <exception cref="AmplifyAuthException">No challenge is pending.</exception>
    Task<AmplifySignInResult> ConfirmSignInAsync(string answer, CancellationToken cancellationToken = default);

    /// <summary>Ends the session: forgets the tokens and identity IDs; <paramref name="global"/> also revokes the refresh token at Cognito.</summary>
    /// <param name="global">Whether to revoke the refresh token at Cognito.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when signed out.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "The parameter name is the issue's contract and Amplify's own (signOut({ global })).")]
    Task SignOutAsync(bool global = false, CancellationToken cancellationToken = default);

    /// <summary>Returns the current session, refreshing tokens that are about to expire (or all, with <paramref name="forceRefresh"/>).</summary>
    /// <param name="forceRefresh">Whether to refresh the tokens even if they are fresh.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session.</returns>
    /// <exception cref="SessionExpiredException">The refresh token expired or was revoked; the session has ended.</exception>
    Task<AmplifyAuthSession> FetchSessionAsync(bool forceRefresh = false, CancellationToken cancellationToken = default);
}
