namespace AmplifyAuthHandlers;

/// <summary>
/// A token that should be a JSON Web Token (a Cognito ID or access token) could not be read: it is not three base64url parts, its payload is not a JSON object, or it lacks a readable <c>exp</c> claim. The message says which, and never contains the token.
/// Internal: where it leaves the library, users catch it as <see cref="AmplifyAuthException"/>.
/// </summary>
internal sealed class JwtFormatException : AmplifyAuthException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public JwtFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public JwtFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public JwtFormatException()
        : base("A token could not be read as a JSON Web Token.")
    {
    }
}
