using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers;

/// <summary>
/// The <c>Credentials</c> shape of <c>GetCredentialsForIdentity</c> as it is on the wire.
/// <see cref="ToString"/> redacts the secret key and the session token.
/// </summary>
internal sealed record CognitoWireCredentials
{
    /// <summary>Gets the access key ID.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Gets the secret access key.</summary>
    public string? SecretKey { get; init; }

    /// <summary>Gets the session token.</summary>
    public string? SessionToken { get; init; }

    /// <summary>Gets the expiration in epoch seconds, possibly fractional (<c>1.7E9</c>, <c>1700000000.123</c>).</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public double? Expiration { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"CognitoWireCredentials {{ AccessKeyId = {AccessKeyId}, SecretKey = {CognitoRedaction.Secret(SecretKey)}, SessionToken = {CognitoRedaction.Secret(SessionToken)}, Expiration = {Expiration} }}";
}
