namespace AmplifyAuthHandlers.Cli;

/// <summary>The canonical request (secret header values redacted) and string to sign of a sent request.</summary>
internal sealed record SigV4Explanation(string CanonicalRequest, string StringToSign, bool SignedHeadersMatch);
