namespace AmplifyAuthHandlers;

/// <summary>
/// A request could not be authorized: no token, no session, or a session that can no longer be refreshed.
/// The base of <see cref="AmplifyNotSignedInException"/> and <see cref="SessionExpiredException"/>.
/// Messages name the endpoint and what to do; they never carry a token.
/// </summary>
public class AmplifyAuthException : AmplifyException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong, where, and how to fix it; never a token.</param>
    public AmplifyAuthException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong, where, and how to fix it; never a token.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AmplifyAuthException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public AmplifyAuthException()
        : base("A request could not be authorized.")
    {
    }
}
