namespace AmplifyAuthHandlers;

/// <summary>
/// An exception that carries an AWS error code (for example <c>NotAuthorizedException</c>): telemetry tags a failure
/// with the code instead of the exception's type name. An interface here, so the diagnostics area needs no folder to its right.
/// </summary>
internal interface IAwsErrorCode
{
    /// <summary>Gets the AWS error code, without its namespace.</summary>
    string? ErrorCode { get; }
}
