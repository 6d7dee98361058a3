using System.Net;

namespace AmplifyAuthHandlers.Cognito;

/// <summary>Creates the typed <see cref="CognitoServiceException"/> for an error code.</summary>
internal static class CognitoErrors
{
    /// <summary>Creates the exception for an error response.</summary>
    /// <param name="operation">The Cognito operation, for example <c>InitiateAuth</c>.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="code">The parsed error code.</param>
    /// <param name="cognitoMessage">Cognito's message, or <see langword="null"/>.</param>
    /// <returns>The exception to throw.</returns>
    public static CognitoServiceException Create(string operation, HttpStatusCode statusCode, string code, string? cognitoMessage)
    {
        var status = (int)statusCode;
        string text;
        if (code == CognitoServiceException.UnknownErrorCode)
        {
            text = $"Cognito {operation} failed with HTTP {status} and a response that names no Cognito error code"
                + (cognitoMessage is null ? "." : $": {cognitoMessage}")
                + " Check that the service endpoint is a Cognito endpoint and not a proxy or another service.";
        }
        else
        {
            text = $"Cognito {operation} failed with {code} (HTTP {status})" + (cognitoMessage is null ? "." : $": {cognitoMessage}") + Hint(code);
        }

        return code switch
        {
            "NotAuthorizedException" => new CognitoNotAuthorizedException(text, statusCode),
            "UserNotFoundException" => new CognitoUserNotFoundException(text, statusCode),
            "PasswordResetRequiredException" => new CognitoPasswordResetRequiredException(text, statusCode),
            "UserNotConfirmedException" => new CognitoUserNotConfirmedException(text, statusCode),
            "TooManyRequestsException" => new CognitoTooManyRequestsException(text, statusCode),
            "ResourceNotFoundException" => new CognitoResourceNotFoundException(text, statusCode),
            "InvalidParameterException" => new CognitoInvalidParameterException(text, statusCode),
            _ => new CognitoServiceException(text, code, statusCode),
        };
    }

    /// <summary>Creates the exception for a successful response whose body is not what the operation returns.</summary>
    /// <param name="operation">The Cognito operation.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="what">What was wrong with the body, without its content.</param>
    /// <returns>The exception to throw.</returns>
    public static CognitoServiceException InvalidResponse(string operation, HttpStatusCode statusCode, string what) =>
        new(
            $"Cognito {operation} returned HTTP {(int)statusCode} but {what}. Check that the service endpoint is a Cognito endpoint.",
            CognitoServiceException.InvalidResponseErrorCode,
            statusCode);

    private static string Hint(string code) => code switch
    {
        "ResourceNotFoundException" => " Check the pool or client ID and that the endpoint's region matches it.",
        "TooManyRequestsException" => " Retry later with backoff.",
        "UserNotConfirmedException" => " Confirm the user (ConfirmSignUp or AdminConfirmSignUp) before signing in.",
        "PasswordResetRequiredException" => " Reset the user's password (ForgotPassword) before signing in.",
        _ => string.Empty,
    };
}
