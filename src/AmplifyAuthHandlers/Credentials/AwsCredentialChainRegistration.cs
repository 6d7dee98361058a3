namespace AmplifyAuthHandlers;

/// <summary>
/// The credential chain <c>AWS_IAM</c> endpoints fall back to when <see cref="AwsCredentialsOptions.UseAwsSdkCredentialChain"/>
/// is on, registered with <c>UseAwsCredentialChain</c> (the AWS SDK's, by the AmplifyAuthHandlers.AwsSdk package).
/// </summary>
internal sealed class AwsCredentialChainRegistration(Func<IServiceProvider, IAwsCredentialsProvider> create)
{
    public IAwsCredentialsProvider Create(IServiceProvider services) => create(services);
}
