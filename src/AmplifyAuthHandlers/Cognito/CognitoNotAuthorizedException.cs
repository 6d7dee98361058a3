using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// Cognito refused the request: a wrong user name or password, a revoked or expired token, a disabled user or app client, or an identity pool that does not allow the login.
/// Cognito's error code is <c>NotAuthorizedException</c>.
/// </summary>
public sealed class CognitoNotAuthorizedException : CognitoServiceException
{
    /// <summary>Creates an exception for a <c>NotAuthorizedException</c> error Cognito returned.</summary>
    /// <param name="message">What failed, naming the operation and the error code.</param>
    /// <param name="statusCode">The HTTP status code of Cognito's response.</param>
    /// <param name="innerException">The exception that caused this one, or <see langword="null"/>.</param>
    public CognitoNotAuthorizedException(string message, HttpStatusCode statusCode, Exception? innerException = null)
        : base(message, "NotAuthorizedException", statusCode, innerException)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public CognitoNotAuthorizedException(string message)
        : this(message, default(HttpStatusCode))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoNotAuthorizedException(string message, Exception? innerException)
        : this(message, default, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoNotAuthorizedException()
        : this("Amazon Cognito returned NotAuthorizedException.")
    {
    }
}
