namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// The intermediate texts of one SigV4 signature, for diagnostics (a command line's verbose output, a support
/// ticket): compare them with the <c>Canonical String</c> and <c>String-to-Sign</c> an AWS service quotes in its
/// <c>InvalidSignatureException</c>. The canonical request lists the signed header values, including
/// <c>X-Amz-Security-Token</c>: redact it before showing either text. <see cref="ToString"/> prints neither.
/// </summary>
public sealed class AwsSigV4SigningDetails
{
    /// <summary>Creates the details of one signature.</summary>
    /// <param name="canonicalRequest">The canonical request.</param>
    /// <param name="stringToSign">The string to sign.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public AwsSigV4SigningDetails(string canonicalRequest, string stringToSign)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        ArgumentNullException.ThrowIfNull(stringToSign);
        CanonicalRequest = canonicalRequest;
        StringToSign = stringToSign;
    }

    /// <summary>Gets the canonical request: method, canonical URI, canonical query, canonical headers, signed headers and payload hash, one per line.</summary>
    /// <value>The canonical request as it was hashed (it may contain the session token).</value>
    public string CanonicalRequest { get; }

    /// <summary>Gets the string to sign: algorithm, <c>X-Amz-Date</c>, credential scope and the canonical request's SHA-256, one per line.</summary>
    /// <value>The string to sign as it was signed.</value>
    public string StringToSign { get; }

    /// <summary>Returns a description that prints neither text (the canonical request may carry a session token).</summary>
    /// <returns>The constant <c>AwsSigV4SigningDetails (redacted)</c>.</returns>
    public override string ToString() => "AwsSigV4SigningDetails (redacted)";
}
