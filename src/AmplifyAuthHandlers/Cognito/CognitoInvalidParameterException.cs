using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// Cognito rejected a parameter of the request, for example an auth flow the app client does not allow or a missing SECRET_HASH.
/// Cognito's error code is <c>InvalidParameterException</c>.
/// </summary>
public sealed class CognitoInvalidParameterException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>InvalidParameterException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoInvalidParameterException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "InvalidParameterException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoInvalidParameterException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoInvalidParameterException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoInvalidParameterException()
        : this("Amazon Cognito returned InvalidParameterException.")
    {
    }
}
