using System.Net;

namespace AmplifyAuthHandlers;

/// <summary>Creates the <see cref="CognitoServiceException"/> for an error code, with a hint for the codes users can act on.</summary>
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
        if (code == CognitoErrorCodes.Unknown)
        {
            text = $"Cognito {operation} failed with HTTP {status} and a response that names no Cognito error code"
                + (cognitoMessage is null ? "." : $": {cognitoMessage}")
                + " Check that the service endpoint is a Cognito endpoint and not a proxy or another service.";
        }
        else
        {
            text = $"Cognito {operation} failed with {code} (HTTP {status})" + (cognitoMessage is null ? "." : $": {cognitoMessage}") + Hint(code);
        }

        return new CognitoServiceException(text, code, statusCode);
    }

    /// <summary>Creates the exception for a successful response whose body is not what the operation returns.</summary>
    /// <param name="operation">The Cognito operation.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="what">What was wrong with the body, without its content.</param>
    /// <returns>The exception to throw.</returns>
    public static CognitoServiceException InvalidResponse(string operation, HttpStatusCode statusCode, string what) =>
        new(
            $"Cognito {operation} returned HTTP {(int)statusCode} but {what}. Check that the service endpoint is a Cognito endpoint.",
            CognitoErrorCodes.InvalidResponse,
            statusCode);

    /// <summary>Creates the exception for a <c>PASSWORD_VERIFIER</c> challenge (received in a successful response) that cannot be answered.</summary>
    /// <param name="what">What was wrong with the challenge, without the password.</param>
    /// <returns>The exception to throw, with the code <see cref="CognitoErrorCodes.InvalidResponse"/>.</returns>
    public static CognitoServiceException InvalidChallenge(string what) =>
        new(what, CognitoErrorCodes.InvalidResponse, HttpStatusCode.OK);

    /// <summary>Where the user-pool settings are, for messages.</summary>
    public const string UserPoolKeys =
        "the user-pool settings (Gen1 'auth.plugins.awsCognitoAuthPlugin.CognitoUserPool.Default': PoolId, AppClientId, AppClientSecret, Region, Endpoint; Gen2 'auth': user_pool_id, user_pool_client_id, aws_region; options: Auth.UserPool)";

    /// <summary>Where the identity-pool settings are, for messages.</summary>
    public const string IdentityPoolKeys =
        "the identity-pool settings (Gen1 'auth.plugins.awsCognitoAuthPlugin.CredentialsProvider.CognitoIdentity.Default': PoolId, Region; Gen2 'auth': identity_pool_id, aws_region; options: Auth.IdentityPool)";

    /// <summary>
    /// The same failure, said in the words of what the user was doing (<c>sign-in</c>, <c>refreshing the session</c>) with
    /// the configuration to check; Cognito's operation and code stay in the message as detail. The type, the error code and
    /// the status are kept, so code that branches on them is unaffected. Null for other exceptions.
    /// </summary>
    /// <param name="exception">What failed.</param>
    /// <param name="doing">What the user was doing, lower case, for example <c>sign-in</c>.</param>
    /// <param name="configurationKeys">The configuration to check, for example <see cref="UserPoolKeys"/>.</param>
    /// <returns>The exception to throw instead, or <see langword="null"/>.</returns>
    public static Exception? InPlainWords(Exception exception, string doing, string configurationKeys)
    {
        var what = char.ToUpperInvariant(doing[0]) + doing[1..];
        return exception switch
        {
            CognitoServiceException cognito => new CognitoServiceException($"{what} failed: {cognito.Message} Configuration to check: {configurationKeys}.", cognito.ErrorCode, cognito.StatusCode, cognito),
            HttpRequestException http and not AmplifyHttpStatusException => new HttpRequestException(http.HttpRequestError, $"{what} failed: {http.Message} Configuration to check: {configurationKeys}.", http, http.StatusCode),
            _ => null,
        };
    }

    private static string Hint(string code) => code switch
    {
        CognitoErrorCodes.ResourceNotFound => " Check the pool or client ID and that the endpoint's region matches it.",
        CognitoErrorCodes.TooManyRequests => " Retry later with backoff.",
        CognitoErrorCodes.UserNotConfirmed => " Confirm the user (ConfirmSignUp or AdminConfirmSignUp) before signing in.",
        CognitoErrorCodes.PasswordResetRequired => " Reset the user's password (ForgotPassword) before signing in.",
        _ => string.Empty,
    };
}
