using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// Cognito throttled the request; retry later with backoff.
/// Cognito's error code is <c>TooManyRequestsException</c>.
/// </summary>
public sealed class CognitoTooManyRequestsException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>TooManyRequestsException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoTooManyRequestsException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "TooManyRequestsException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoTooManyRequestsException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoTooManyRequestsException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoTooManyRequestsException()
        : this("Amazon Cognito returned TooManyRequestsException.")
    {
    }
}
