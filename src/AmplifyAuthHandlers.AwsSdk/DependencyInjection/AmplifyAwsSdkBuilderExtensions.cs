using AmplifyAuthHandlers.AwsSdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Lets <c>AWS_IAM</c> endpoints fall back to the AWS SDK's default credential chain.</summary>
public static class AmplifyAwsSdkBuilderExtensions
{
    /// <summary>
    /// Signs <c>AWS_IAM</c> requests with the AWS SDK's default credential chain (environment, shared profile, web
    /// identity, ECS and EC2 instance roles) when nothing else is configured (workers on AWS). Also what
    /// <c>Credentials:UseAwsSdkCredentialChain=true</c> in configuration needs.
    /// </summary>
    /// <param name="builder">The builder <c>AddAmplifyRestApi</c> returned.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAmplifyRestApiBuilder UseAwsSdkCredentials(this IAmplifyRestApiBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseAwsCredentialChain(static _ => new AwsSdkCredentialsProvider());
    }
}
