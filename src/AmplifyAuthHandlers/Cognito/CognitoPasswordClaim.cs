namespace AmplifyAuthHandlers;

/// <summary>The proof of the password for a PASSWORD_VERIFIER challenge. <see cref="ToString"/> redacts the signature.</summary>
/// <param name="Signature">PASSWORD_CLAIM_SIGNATURE, base64.</param>
/// <param name="Timestamp">TIMESTAMP, for example <c>Tue Mar 5 07:08:09 UTC 2024</c>.</param>
internal sealed record CognitoPasswordClaim(string Signature, string Timestamp)
{
    /// <inheritdoc/>
    public override string ToString() => $"CognitoPasswordClaim {{ Signature = {CognitoRedaction.Redacted}, Timestamp = {Timestamp} }}";
}
