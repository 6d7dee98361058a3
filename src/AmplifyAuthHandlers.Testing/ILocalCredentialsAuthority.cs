namespace AmplifyAuthHandlers.Testing;

/// <summary>Finds the credentials behind an access key ID (what the gateway's SigV4 verifier needs).</summary>
public interface ILocalCredentialsAuthority
{
    /// <summary>Finds the credentials issued under <paramref name="accessKeyId"/>.</summary>
    /// <param name="accessKeyId">The access key ID from the request's credential scope.</param>
    /// <returns>The credentials, or <see langword="null"/> when this authority never issued that key.</returns>
    LocalAwsCredentials? FindCredentials(string accessKeyId);
}
