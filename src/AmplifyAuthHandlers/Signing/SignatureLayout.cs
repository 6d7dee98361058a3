namespace AmplifyAuthHandlers.Signing;

/// <summary>Where the signed-headers list and the credential scope sit in the signing buffer.</summary>
internal readonly record struct SignatureLayout(int SignedHeadersStart, int SignedHeadersLength, int ScopeStart, int ScopeLength);
