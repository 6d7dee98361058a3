namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// AWS credentials that a <c>LocalApiGateway</c> accepts on its AWS_IAM APIs: issued by <c>LocalCognito</c>'s
/// identity pool or registered by the test as static keys.
/// </summary>
/// <param name="AccessKeyId">The access key ID the request's <c>Credential</c> scope names.</param>
/// <param name="SecretAccessKey">The secret the signature is verified with.</param>
/// <param name="SessionToken">The session token the request must carry in <c>X-Amz-Security-Token</c>, or <see langword="null"/> for long-term keys.</param>
/// <param name="Expiration">When the credentials stop being accepted, or <see langword="null"/> for never.</param>
/// <param name="Principal">Who calls with them: a Cognito identity ID, or a name the test chose for static keys.</param>
/// <param name="Role">The role they stand for (<c>authenticated</c>, <c>unauthenticated</c>, or a role ARN), or <see langword="null"/>.</param>
public sealed record LocalAwsCredentials(
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    DateTimeOffset? Expiration,
    string Principal,
    string? Role)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"LocalAwsCredentials {{ AccessKeyId = {AccessKeyId}, Principal = {Principal}, Role = {Role}, Expiration = {Expiration:O} }}";
}
