using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// Amazon Cognito (Identity or User Pools) answered a request with an error, or with a response this
/// library could not read. The message names the operation, the error code and Cognito's own message;
/// it never carries a request body, a password or a token.
/// </summary>
/// <remarks>
/// The error codes this library types have their own subclasses (for example
/// <see cref="CognitoNotAuthorizedException"/>); every other code is reported through this class with
/// its <see cref="ErrorCode"/>. A response whose body is not a Cognito error has the code
/// <see cref="UnknownErrorCode"/>; a successful response that cannot be read has the code
/// <see cref="InvalidResponseErrorCode"/>.
/// </remarks>
public class CognitoServiceException : AmplifyException
{
    /// <summary>The <see cref="ErrorCode"/> of an error response that did not name its error.</summary>
    public const string UnknownErrorCode = "UnknownError";

    /// <summary>The <see cref="ErrorCode"/> of a successful response whose body could not be read.</summary>
    public const string InvalidResponseErrorCode = "InvalidResponse";

    /// <summary>Creates an exception for an error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="errorCode">Cognito's error code without its namespace, for example <c>NotAuthorizedException</c>.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoServiceException(string message, string errorCode, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    /// <summary>Creates an exception with a message and an <see cref="UnknownErrorCode"/>.</summary>
    /// <param name="message">What failed.</param>
    public CognitoServiceException(string message)
        : this(message, UnknownErrorCode, default)
    {
    }

    /// <summary>Creates an exception with a message, the exception that caused it and an <see cref="UnknownErrorCode"/>.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoServiceException(string message, Exception? innerException)
        : this(message, UnknownErrorCode, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message and an <see cref="UnknownErrorCode"/>.</summary>
    public CognitoServiceException()
        : this("An Amazon Cognito request failed.")
    {
    }

    /// <summary>Gets Cognito's error code, without its namespace.</summary>
    /// <value>For example <c>NotAuthorizedException</c>; <see cref="UnknownErrorCode"/> when the response did not name one.</value>
    public string ErrorCode { get; }

    /// <summary>Gets the HTTP status code of Cognito's response.</summary>
    /// <value>For example <see cref="HttpStatusCode.BadRequest"/>; <c>0</c> when no response was involved.</value>
    public HttpStatusCode StatusCode { get; }
}
