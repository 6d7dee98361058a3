using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.AwsSdk;

/// <summary>
/// Credentials from the AWS SDK's default chain (environment, shared profile, web identity, ECS and EC2
/// instance roles), for workers that run on AWS with an IAM role. The SDK refreshes what it resolves.
/// </summary>
internal sealed class AwsSdkCredentialsProvider : IAwsCredentialsProvider
{
    private readonly Func<CancellationToken, Task<AWSCredentials>> _resolve;
    private AWSCredentials? _resolved;

    public AwsSdkCredentialsProvider()
        : this(static _ => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync())
    {
    }

    internal AwsSdkCredentialsProvider(Func<CancellationToken, Task<AWSCredentials>> resolve) => _resolve = resolve;

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var source = _resolved ??= await _resolve(cancellationToken).ConfigureAwait(false);
            var immutable = await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            DateTimeOffset? expiration = source.Expiration is { } e
                ? new DateTimeOffset(e.Kind == DateTimeKind.Local ? e.ToUniversalTime() : DateTime.SpecifyKind(e, DateTimeKind.Utc))
                : null;
            return new AwsCredentials(immutable.AccessKey, immutable.SecretKey, immutable.UseToken ? immutable.Token : null, expiration);
        }
        catch (AmazonClientException ex)
        {
            throw new AwsCredentialsUnavailableException(
                $"The AWS SDK credential chain found no credentials (environment, profile, web identity, ECS, EC2): {ex.Message}", null, ex);
        }
    }

    public override string ToString() => "the AWS SDK credential chain";
}
