namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// AWS credentials used to sign a request: an access key pair, optionally temporary (with a session
/// token and an expiration). <see cref="ToString"/> never prints the secret key or the session token.
/// </summary>
/// <param name="AccessKeyId">The access key ID (not a secret; it appears in every signature).</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token of temporary credentials, or <see langword="null"/>.</param>
/// <param name="Expiration">When temporary credentials expire, or <see langword="null"/> when they do not.</param>
public sealed record AwsCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken = null,
    DateTimeOffset? Expiration = null)
{
    /// <summary>Returns a description that names the access key ID and redacts every secret.</summary>
    /// <returns>For example <c>AwsCredentials { AccessKeyId = AKID…, SecretAccessKey = ***, SessionToken = ***, Expiration = … }</c>.</returns>
    public override string ToString() =>
        $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "(none)" : "***")}, Expiration = {(Expiration is { } e ? e.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "(none)")} }}";
}
