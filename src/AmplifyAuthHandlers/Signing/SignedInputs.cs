namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// What one signature was computed from, by reference: enough for <see cref="SigV4Trace"/> to write the canonical
/// request and string to sign again, exactly as signed, if a refused signature needs explaining.
/// </summary>
internal sealed record SignedInputs(
    string Method,
    string Path,
    string Query,
    SignableHeader[] Headers,
    byte[] PayloadHashHex,
    AmzDate Date,
    string Region,
    string Service,
    bool NormalizePath,
    bool DoubleEncodePath)
{
    /// <summary>Prints no value: the headers include the session token.</summary>
    public override string ToString() => "SignedInputs (redacted)";
}
