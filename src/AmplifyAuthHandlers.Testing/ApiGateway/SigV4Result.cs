namespace AmplifyAuthHandlers.Testing.ApiGateway;

/// <summary>What kind of SigV4 failure a request met (tests assert on it; the wire carries the error type).</summary>
internal enum SigV4ErrorKind
{
    /// <summary>Verified.</summary>
    None,

    /// <summary>No <c>Authorization</c> header and no presigned query.</summary>
    MissingToken,

    /// <summary>A required SigV4 element is missing or malformed.</summary>
    Incomplete,

    /// <summary>The credential scope names another region, service or day.</summary>
    Scope,

    /// <summary>The signing time is outside the five-minute window (or a presigned URL has expired).</summary>
    Expired,

    /// <summary>No authority knows the access key ID.</summary>
    UnknownKey,

    /// <summary>The session token is missing or is not the credentials' own.</summary>
    InvalidToken,

    /// <summary>The credentials have expired.</summary>
    ExpiredToken,

    /// <summary>The signature does not match.</summary>
    Signature,
}

/// <summary>The outcome of <see cref="SigV4Verifier.Verify"/>.</summary>
/// <param name="Kind">The failure kind, or <see cref="SigV4ErrorKind.None"/>.</param>
/// <param name="ErrorType">API Gateway's <c>x-amzn-ErrorType</c>, or <see langword="null"/> on success.</param>
/// <param name="Message">API Gateway's message, or <see langword="null"/> on success.</param>
/// <param name="Credentials">The credentials the access key ID named, when found.</param>
internal sealed record SigV4Result(SigV4ErrorKind Kind, string? ErrorType, string? Message, LocalAwsCredentials? Credentials)
{
    /// <summary>Gets a value indicating whether the request was verified.</summary>
    public bool IsValid => Kind == SigV4ErrorKind.None;

    public static SigV4Result Success(LocalAwsCredentials credentials) => new(SigV4ErrorKind.None, null, null, credentials);

    public static SigV4Result Fail(SigV4ErrorKind kind, string errorType, string message, LocalAwsCredentials? credentials = null) =>
        new(kind, errorType, message, credentials);
}
