namespace AmplifyAuthHandlers;

/// <summary>
/// The values of <see cref="CognitoServiceException.ErrorCode"/> a sign-in flow or an identity-pool exchange
/// branches on: Cognito's error codes without their namespace, plus two of this library's own
/// (<see cref="Unknown"/> and <see cref="InvalidResponse"/>).
/// </summary>
/// <example>
/// <code>
/// catch (CognitoServiceException ex) when (ex.ErrorCode == CognitoErrorCodes.UserNotConfirmed) { /* confirm the user */ }
/// </code>
/// </example>
public static class CognitoErrorCodes
{
    /// <summary>Cognito refused: a wrong user name or password, a revoked or expired token, a disabled user or app client, or an identity pool that does not allow the login.</summary>
    public const string NotAuthorized = "NotAuthorizedException";

    /// <summary>The user does not exist in the user pool (pools that prevent user existence errors report <see cref="NotAuthorized"/> instead).</summary>
    public const string UserNotFound = "UserNotFoundException";

    /// <summary>The user signed up but is not confirmed yet (ConfirmSignUp or AdminConfirmSignUp).</summary>
    public const string UserNotConfirmed = "UserNotConfirmedException";

    /// <summary>The user must reset the password (ForgotPassword) before signing in.</summary>
    public const string PasswordResetRequired = "PasswordResetRequiredException";

    /// <summary>A parameter of the request is invalid, for example an auth flow the app client does not allow.</summary>
    public const string InvalidParameter = "InvalidParameterException";

    /// <summary>The password does not meet the user pool's policy (also what some emulators answer to a wrong password).</summary>
    public const string InvalidPassword = "InvalidPasswordException";

    /// <summary>The user pool, app client, identity pool or identity does not exist, or is in another region.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";

    /// <summary>Cognito throttled the request; retry later with backoff.</summary>
    public const string TooManyRequests = "TooManyRequestsException";

    /// <summary>A Cognito limit was exceeded, for example too many failed attempts.</summary>
    public const string LimitExceeded = "LimitExceededException";

    /// <summary>The confirmation or MFA code is wrong.</summary>
    public const string CodeMismatch = "CodeMismatchException";

    /// <summary>The confirmation or MFA code expired.</summary>
    public const string ExpiredCode = "ExpiredCodeException";

    /// <summary>Cognito failed internally; retry later.</summary>
    public const string InternalError = "InternalErrorException";

    /// <summary>This library's code for an error response that named no Cognito error code (often a proxy or another service).</summary>
    public const string Unknown = "UnknownError";

    /// <summary>This library's code for a successful response whose body could not be read, or an SRP challenge whose parameters are missing or invalid.</summary>
    public const string InvalidResponse = "InvalidResponse";
}
