using AmplifyAuthHandlers.Signing;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmplifyAuthHandlers.Benchmarks;

/// <summary>
/// The steady-state credential lookup every AWS_IAM request pays: valid credentials already cached.
/// <see cref="Cache"/> is the refresh cache alone; <see cref="IdentityPoolProvider"/> adds the identity-pool
/// provider's principal check (a logins-provider call and a key comparison); <see cref="StaticProvider"/> is the
/// floor of returning a stored object through the interface.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CredentialLookupBenchmarks
{
    private AwsCredentialsCache _cache = null!;
    private IAwsCredentialsProvider _identityPool = null!;
    private IAwsCredentialsProvider _static = null!;

    [GlobalSetup]
    public void Setup()
    {
        var time = TimeProvider.System;
        var credentials = new AwsCredentials("ASIAEXAMPLE", "secret", "token", time.GetUtcNow().AddHours(1));
        _cache = new AwsCredentialsCache(_ => Task.FromResult(credentials), time.GetUtcNow, TimeSpan.FromMinutes(5), "benchmark", NullLogger.Instance);
        _static = new StaticAwsCredentialsProvider(credentials);

        var identityIds = new InMemoryIdentityIdStore();
        var cognito = new HttpClient(new CannedCognitoIdentity(time));
        var provider = new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(cognito, new Uri("https://cognito-identity.us-east-1.amazonaws.com/")),
            "us-east-1:00000000-0000-0000-0000-000000000000",
            new UnauthenticatedLoginsProvider(),
            identityIds,
            new AwsClockSkew(time),
            TimeSpan.FromMinutes(5),
            NullLogger.Instance);
        _identityPool = provider;

        // One real fetch through the canned Cognito answers fills the cache; the benchmark then measures hits.
        _ = provider.GetCredentialsAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public ValueTask<AwsCredentials> StaticProvider() => _static.GetCredentialsAsync();

    [Benchmark]
    public ValueTask<AwsCredentials> Cache() => _cache.GetAsync(CancellationToken.None);

    [Benchmark]
    public ValueTask<AwsCredentials> IdentityPoolProvider() => _identityPool.GetCredentialsAsync();

    /// <summary>Answers GetId and GetCredentialsForIdentity with fixed JSON, once each, during setup.</summary>
    private sealed class CannedCognitoIdentity(TimeProvider time) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = request.Headers.GetValues("X-Amz-Target").Single();
            var expiration = time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
            var json = target.EndsWith(".GetId", StringComparison.Ordinal)
                ? "{\"IdentityId\":\"us-east-1:identity\"}"
                : "{\"IdentityId\":\"us-east-1:identity\",\"Credentials\":{\"AccessKeyId\":\"ASIAEXAMPLE\",\"SecretKey\":\"secret\",\"SessionToken\":\"token\",\"Expiration\":" + expiration + "}}";
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(json) });
        }
    }
}
