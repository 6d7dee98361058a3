using System.Net;

namespace AmplifyAuthHandlers.Testing;

/// <summary>An error the local Cognito answers with: <c>{"__type": ..., "message": ...}</c> and an HTTP status.</summary>
/// <remarks>Messages are Cognito's and never carry a password, token or secret.</remarks>
internal sealed class CognitoErrorException : Exception
{
    public CognitoErrorException(string errorType, string message, HttpStatusCode? status = null)
        : base(message)
    {
        ErrorType = errorType;
        Status = status ?? DefaultStatus(errorType);
    }

    public CognitoErrorException()
        : this("InternalErrorException", "Internal error.")
    {
    }

    public CognitoErrorException(string message)
        : this("InternalErrorException", message)
    {
    }

    public CognitoErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "InternalErrorException";
        Status = HttpStatusCode.InternalServerError;
    }

    public string ErrorType { get; }

    public HttpStatusCode Status { get; }

    /// <summary>The status Cognito answers each error with: 500 for its own failures, 403/401 where the model's operations say so, else 400.</summary>
    public static HttpStatusCode DefaultStatus(string errorType) => errorType switch
    {
        "InternalErrorException" => HttpStatusCode.InternalServerError,
        "ExternalServiceException" => HttpStatusCode.BadRequest,
        "ForbiddenException" => HttpStatusCode.Forbidden,
        "UnauthorizedException" => HttpStatusCode.Unauthorized,
        _ => HttpStatusCode.BadRequest,
    };

    public static CognitoErrorException NotAuthorized(string message) => new("NotAuthorizedException", message);

    public static CognitoErrorException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static CognitoErrorException ResourceNotFound(string message) => new("ResourceNotFoundException", message);
}
