namespace AmplifyAuthHandlers;

/// <summary>
/// The user-pool session behind <c>AMAZON_COGNITO_USER_POOLS</c> endpoints: the signed-in user's tokens,
/// refreshed when asked. The library's sign-in registers one; so does <c>AddAmplifyCallerTokenForwarding()</c>,
/// which forwards the token of the incoming ASP.NET Core request. The last registration wins.
/// Without either, user-pool endpoints throw <see cref="AmplifyNotSignedInException"/> before sending.
/// </summary>
/// <remarks>A singleton shared by every request (handlers are pooled): thread-safe, and no scoped dependencies.</remarks>
public interface IUserPoolTokenSource
{
    /// <summary>Returns the current user's tokens.</summary>
    /// <param name="forceRefresh">
    /// <see langword="true"/> when an endpoint rejected the current token with 401: refresh even if it looks valid.
    /// Returning the same token again makes the endpoint return that 401 instead of retrying.
    /// </param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tokens, or <see langword="null"/> when no user is signed in.</returns>
    /// <exception cref="SessionExpiredException">The session cannot be refreshed any more; the user has to sign in again.</exception>
    ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken);
}
