using System.Globalization;

namespace AmplifyAuthHandlers;

/// <summary>
/// A SigV4-signed request's body had to be buffered to be hashed (it could not be read twice: a non-seekable
/// stream, multipart, JSON or custom content) and was larger than the buffering limit, so it was not sent.
/// Raise the endpoint's <c>MaxBufferedRequestBodyBytes</c> (or <c>AwsSigV4SignerOptions.MaxBufferedPayloadBytes</c>
/// for the standalone signer), or send the body as a byte array or seekable stream, which is hashed without buffering.
/// </summary>
public sealed class AmplifyRequestBodyTooLargeException : AmplifyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpointName">The endpoint whose request was refused, or <see langword="null"/> for the standalone signer.</param>
    /// <param name="limit">The buffering limit, in bytes.</param>
    public AmplifyRequestBodyTooLargeException(string? endpointName, long limit)
        : base(MessageFor(endpointName, limit))
    {
        EndpointName = endpointName;
        Limit = limit;
    }

    /// <summary>Gets the endpoint whose request was refused.</summary>
    /// <value>The endpoint's name, or <see langword="null"/> when the standalone signer refused the body.</value>
    public string? EndpointName { get; }

    /// <summary>Gets the buffering limit the body exceeded.</summary>
    /// <value>In bytes; 10,485,760 (API Gateway's payload limit) unless configured.</value>
    public long Limit { get; }

    private static string MessageFor(string? endpointName, long limit)
    {
        var bytes = limit.ToString("N0", CultureInfo.InvariantCulture);
        const string Why = "bytes, the most that is buffered to hash a SigV4-signed body that cannot be read twice (a non-seekable stream, multipart, JSON or custom content); the request was not sent.";
        const string Alternative = "or send the body as a byte array or seekable stream (hashed where it lies, without buffering).";
        return endpointName is null
            ? $"The request body is larger than {bytes} {Why} Raise AwsSigV4SignerOptions.MaxBufferedPayloadBytes, {Alternative}"
            : $"Endpoint '{endpointName}': the request body is larger than {bytes} {Why} Raise MaxBufferedRequestBodyBytes on endpoint '{endpointName}' (configuration key Endpoints:{endpointName}:MaxBufferedRequestBodyBytes; API Gateway itself refuses payloads over 10 MB), {Alternative}";
    }
}
