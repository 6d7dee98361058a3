using System.Net;

namespace AmplifyAuthHandlers;

/// <summary>
/// Amazon Cognito (Identity or User Pools) answered a request with an error, or with a response this
/// library could not read. The message names the operation, the error code and Cognito's own message;
/// it never carries a request body, a password or a token.
/// </summary>
/// <remarks>
/// Branch on <see cref="ErrorCode"/>, compared with the constants of <see cref="CognitoErrorCodes"/> (for example
/// <see cref="CognitoErrorCodes.NotAuthorized"/> for a wrong password). A response whose body is not a Cognito
/// error has the code <see cref="CognitoErrorCodes.Unknown"/>; a successful response that cannot be read, or an
/// SRP challenge that cannot be answered, has the code <see cref="CognitoErrorCodes.InvalidResponse"/>.
/// </remarks>
public sealed class CognitoServiceException : AmplifyException, IAwsErrorCode
{
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

    /// <summary>Creates an exception with a message and the code <see cref="CognitoErrorCodes.Unknown"/>.</summary>
    /// <param name="message">What failed.</param>
    public CognitoServiceException(string message)
        : this(message, CognitoErrorCodes.Unknown, default)
    {
    }

    /// <summary>Creates an exception with a message, the exception that caused it and the code <see cref="CognitoErrorCodes.Unknown"/>.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoServiceException(string message, Exception? innerException)
        : this(message, CognitoErrorCodes.Unknown, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message and the code <see cref="CognitoErrorCodes.Unknown"/>.</summary>
    public CognitoServiceException()
        : this("An Amazon Cognito request failed.")
    {
    }

    /// <summary>Gets Cognito's error code, without its namespace.</summary>
    /// <value>For example <c>NotAuthorizedException</c>; <see cref="CognitoErrorCodes.Unknown"/> when the response did not name one; compare with the constants of <see cref="CognitoErrorCodes"/>.</value>
    public string ErrorCode { get; }

    /// <summary>Gets the HTTP status code of Cognito's response.</summary>
    /// <value>For example <see cref="HttpStatusCode.BadRequest"/>; <c>0</c> when no response was involved.</value>
    public HttpStatusCode StatusCode { get; }
}
