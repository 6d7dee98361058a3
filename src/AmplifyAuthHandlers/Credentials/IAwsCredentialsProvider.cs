using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// A source of AWS credentials for signing <c>AWS_IAM</c> requests. Implementations registered by the library
/// cache and refresh on their own; a custom one may be wrapped the same way with
/// <c>AddAwsCredentialsProvider</c>.
/// </summary>
public interface IAwsCredentialsProvider
{
    /// <summary>Returns credentials valid for signing now.</summary>
    /// <param name="cancellationToken">Cancels this caller's wait; a refresh shared with other callers goes on.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="AwsCredentialsUnavailableException">No valid credentials could be obtained.</exception>
    ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default);
}
