using Amazon.Runtime;
using AmplifyAuthHandlers.AwsSdk;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class AwsSdkCredentialsProviderTests
{
    [Test]
    public async Task GetCredentialsAsync_SessionCredentialsFromTheChain_AreMapped()
    {
        var provider = new AwsSdkCredentialsProvider(_ => Task.FromResult<AWSCredentials>(new SessionAWSCredentials("ASIACHAIN", "chain-secret", "chain-token")));

        var credentials = await provider.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIACHAIN"));
        Assert.That(credentials.SecretAccessKey, Is.EqualTo("chain-secret"));
        Assert.That(credentials.SessionToken, Is.EqualTo("chain-token"));
    }

    [Test]
    public async Task GetCredentialsAsync_LongTermKeys_HaveNoSessionToken()
    {
        var provider = new AwsSdkCredentialsProvider(_ => Task.FromResult<AWSCredentials>(new BasicAWSCredentials("AKIDCHAIN", "chain-secret")));

        var credentials = await provider.GetCredentialsAsync();

        Assert.That(credentials.SessionToken, Is.Null);
        Assert.That(credentials.Expiration, Is.Null);
    }

    [Test]
    public void GetCredentialsAsync_ChainFindsNothing_ThrowsTypedErrorNamingTheChain()
    {
        var provider = new AwsSdkCredentialsProvider(_ => Task.FromException<AWSCredentials>(new AmazonClientException("Failed to resolve AWS credentials.")));

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.Contain("credential chain").And.Contain("environment"));
    }
}
