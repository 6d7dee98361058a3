using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// The user must reset their password before signing in.
/// Cognito's error code is <c>PasswordResetRequiredException</c>.
/// </summary>
public sealed class CognitoPasswordResetRequiredException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>PasswordResetRequiredException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoPasswordResetRequiredException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "PasswordResetRequiredException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoPasswordResetRequiredException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoPasswordResetRequiredException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoPasswordResetRequiredException()
        : this("Amazon Cognito returned PasswordResetRequiredException.")
    {
    }
}
