using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// The user pool, app client or identity pool named in the request does not exist (check the ID and the region).
/// Cognito's error code is <c>ResourceNotFoundException</c>.
/// </summary>
public sealed class CognitoResourceNotFoundException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>ResourceNotFoundException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoResourceNotFoundException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "ResourceNotFoundException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoResourceNotFoundException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoResourceNotFoundException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoResourceNotFoundException()
        : this("Amazon Cognito returned ResourceNotFoundException.")
    {
    }
}
