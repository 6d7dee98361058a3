using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// The user signed up but has not confirmed their account yet.
/// Cognito's error code is <c>UserNotConfirmedException</c>.
/// </summary>
public sealed class CognitoUserNotConfirmedException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>UserNotConfirmedException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoUserNotConfirmedException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "UserNotConfirmedException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoUserNotConfirmedException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoUserNotConfirmedException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoUserNotConfirmedException()
        : this("Amazon Cognito returned UserNotConfirmedException.")
    {
    }
}
