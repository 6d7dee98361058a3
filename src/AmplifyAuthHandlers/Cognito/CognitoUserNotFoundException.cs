using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// The user does not exist in the user pool (pools that prevent user existence errors report <see cref="CognitoNotAuthorizedException"/> instead).
/// Cognito's error code is <c>UserNotFoundException</c>.
/// </summary>
public sealed class CognitoUserNotFoundException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>UserNotFoundException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoUserNotFoundException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "UserNotFoundException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoUserNotFoundException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoUserNotFoundException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoUserNotFoundException()
        : this("Amazon Cognito returned UserNotFoundException.")
    {
    }
}
