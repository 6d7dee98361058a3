namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Receives the intermediate results of one signature, for the conformance tests. Never logged: the canonical
/// request carries the session token.
/// </summary>
internal sealed class SigV4Trace
{
    public string CanonicalRequest { get; set; } = string.Empty;

    public string StringToSign { get; set; } = string.Empty;

    public string Signature { get; set; } = string.Empty;

    public override string ToString() => "SigV4Trace (redacted)";
}
