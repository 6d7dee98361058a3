using System.Text;
using AmplifyAuthHandlers.Cli;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary>-v's SigV4 texts are reproduced from the request as sent, without the secret: they must equal the signer's own.</summary>
[TestFixture]
public sealed class SigV4ExplainerTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 27, 19, 0, 5, TimeSpan.Zero);

    [Test]
    public async Task ExplainAsync_SignedPost_ReproducesTheSignersCanonicalRequestAndStringToSign()
    {
        using var request = NewRequest();
        var details = await new AwsSigV4Signer().SignWithDetailsAsync(
            request, new AwsCredentials("AKIDEXPLAIN", "the-real-secret"), "eu-west-1", "execute-api", SignedAt);

        var explained = await SigV4Explainer.ExplainAsync(request, CancellationToken.None);

        Assert.That(explained, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(explained!.CanonicalRequest, Is.EqualTo(details.CanonicalRequest));
            Assert.That(explained.StringToSign, Is.EqualTo(details.StringToSign));
            Assert.That(explained.SignedHeadersMatch, Is.True);
        });
    }

    [Test]
    public async Task ExplainAsync_SessionTokenAndApiKey_RedactsTheirCanonicalLines()
    {
        using var request = NewRequest();
        request.Headers.TryAddWithoutValidation("x-api-key", "the-api-key-value");
        await new AwsSigV4Signer().SignAsync(request, new AwsCredentials("ASIAEXPLAIN", "secret", "the-session-token"), "eu-west-1", "execute-api");

        var explained = await SigV4Explainer.ExplainAsync(request, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(explained!.CanonicalRequest, Does.Contain("\nx-amz-security-token:[redacted]\n").And.Contain("\nx-api-key:[redacted]\n"));
            Assert.That(explained.CanonicalRequest, Does.Not.Contain("the-session-token").And.Not.Contain("the-api-key-value"));
        });
    }

    [Test]
    public async Task ExplainAsync_HeaderAddedAfterSigning_ReportsTheMismatch()
    {
        using var request = NewRequest();
        await new AwsSigV4Signer().SignAsync(request, new AwsCredentials("AKIDEXPLAIN", "secret"), "eu-west-1", "execute-api");
        request.Headers.TryAddWithoutValidation("X-Late", "added after signing");

        var explained = await SigV4Explainer.ExplainAsync(request, CancellationToken.None);

        Assert.That(explained!.SignedHeadersMatch, Is.False);
    }

    [Test]
    public async Task ExplainAsync_NotSigV4_ReturnsNull()
    {
        using var request = NewRequest();
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer abc");

        Assert.That(await SigV4Explainer.ExplainAsync(request, CancellationToken.None), Is.Null);
    }

    private static HttpRequestMessage NewRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "https://abc.execute-api.eu-west-1.amazonaws.com/prod/a%20b/items?z=1&a=2")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"n":1}""")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TryAddWithoutValidation("X-Tenant", "acme");
        return request;
    }
}
