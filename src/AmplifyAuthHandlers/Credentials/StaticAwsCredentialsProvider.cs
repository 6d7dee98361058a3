using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>Always returns the same credentials: long-term keys, or temporary ones the application renews itself.</summary>
public sealed class StaticAwsCredentialsProvider : IAwsCredentialsProvider
{
    private readonly AwsCredentials _credentials;

    /// <summary>Creates the provider.</summary>
    /// <param name="credentials">The credentials to return.</param>
    public StaticAwsCredentialsProvider(AwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(credentials.AccessKeyId);
        ArgumentException.ThrowIfNullOrEmpty(credentials.SecretAccessKey);
        _credentials = credentials;
    }

    /// <inheritdoc/>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(_credentials);

    /// <summary>Names the access key ID only.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"StaticAwsCredentialsProvider {{ AccessKeyId = {_credentials.AccessKeyId} }}";
}
