using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>A provider served through an <see cref="AwsCredentialsCache"/>.</summary>
internal sealed class CachedAwsCredentialsProvider(AwsCredentialsCache cache, string description) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => cache.GetAsync(cancellationToken);

    public override string ToString() => description;
}
