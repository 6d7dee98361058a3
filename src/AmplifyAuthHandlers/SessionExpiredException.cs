namespace AmplifyAuthHandlers;

/// <summary>
/// The user's session can no longer be refreshed (e.g. the refresh token expired or was revoked):
/// the user has to sign in again.
/// </summary>
public sealed class SessionExpiredException : AmplifyAuthException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What expired and that the user must sign in again; never a token.</param>
    public SessionExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What expired and that the user must sign in again; never a token.</param>
    /// <param name="innerException">The exception that caused this one, e.g. Cognito's <c>NotAuthorizedException</c>.</param>
    public SessionExpiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public SessionExpiredException()
        : base("The session has expired and cannot be refreshed; sign in again.")
    {
    }
}
