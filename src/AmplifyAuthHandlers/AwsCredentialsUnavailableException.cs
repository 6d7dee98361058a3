namespace AmplifyAuthHandlers;

/// <summary>
/// No valid AWS credentials could be obtained for an <c>AWS_IAM</c> request, so it was not sent. Carries the
/// Cognito error code and message when Cognito refused (for example guest access disabled on the identity pool).
/// </summary>
public sealed class AwsCredentialsUnavailableException : AmplifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="errorCode">The service's error code, if a service refused.</param>
    /// <param name="innerException">The failure.</param>
    public AwsCredentialsUnavailableException(string message, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Gets the service's error code, e.g. <c>NotAuthorizedException</c>.</summary>
    /// <value><see langword="null"/> when no service answered with an error.</value>
    public string? ErrorCode { get; }
}
