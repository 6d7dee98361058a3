using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// What <see cref="CognitoIdentityClient.GetCredentialsForIdentityAsync"/> returns: the identity and its temporary
/// credentials. <see cref="ToString"/> prints the credentials' own redacted form.
/// </summary>
/// <param name="IdentityId">The identity ID the credentials belong to.</param>
/// <param name="Credentials">The temporary AWS credentials.</param>
internal sealed record CognitoIdentityCredentials(string IdentityId, AwsCredentials Credentials)
{
    /// <inheritdoc/>
    public override string ToString() => $"CognitoIdentityCredentials {{ IdentityId = {IdentityId}, Credentials = {Credentials} }}";
}
