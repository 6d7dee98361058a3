namespace AmplifyAuthHandlers.Testing;

/// <summary>A request the <see cref="LocalApiGateway"/> received, with secrets redacted, and how it was answered.</summary>
/// <param name="RequestId">The <c>x-amzn-RequestId</c> it was answered with.</param>
/// <param name="Time">When it arrived, by the gateway's (shifted) clock.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path as received (still percent-encoded).</param>
/// <param name="Query">The raw query without <c>?</c>; <c>X-Amz-Signature</c> and <c>X-Amz-Security-Token</c> values redacted.</param>
/// <param name="Headers">The headers (repeated ones joined with <c>,</c>); <c>Authorization</c>'s token or signature, <c>x-api-key</c> and <c>X-Amz-Security-Token</c> redacted.</param>
/// <param name="AuthorizationType">The API's <c>authorizationType</c>, or <see langword="null"/> when no API matched.</param>
/// <param name="Principal">Who was verified (see <see cref="LocalApiInvocation.Principal"/>), also on a refusal when the credentials were found.</param>
/// <param name="Role">The verified role (see <see cref="LocalApiInvocation.Role"/>).</param>
/// <param name="StatusCode">The status the gateway answered (the handler's on success).</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> of a refusal, or <see langword="null"/>.</param>
/// <param name="ErrorMessage">The refusal's message, or <see langword="null"/>.</param>
public sealed record LocalApiGatewayRequest(
    string RequestId,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? AuthorizationType,
    string? Principal,
    string? Role,
    int StatusCode,
    string? ErrorType,
    string? ErrorMessage);
