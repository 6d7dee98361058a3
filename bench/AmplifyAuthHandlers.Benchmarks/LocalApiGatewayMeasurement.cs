using System.Diagnostics;
using System.Globalization;
using System.Net;
using AmplifyAuthHandlers.Testing;
using AmplifyAuthHandlers.Testing.ApiGateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.Benchmarks;

/// <summary>
/// Wall-clock measurements of the local API Gateway (not BenchmarkDotNet: they span a server, sockets and many
/// requests): start-up to the first answered request, then SigV4-verified requests per second on loopback, the
/// library signing every request. Run: <c>dotnet run -c Release --project bench/AmplifyAuthHandlers.Benchmarks -- gateway [seconds] [concurrency]</c>.
/// </summary>
internal static class LocalApiGatewayMeasurement
{
    private const string AccessKeyId = "AKIDBENCHMARKGATEWAY";
    private const string Secret = "benchmark-gateway-secret-EXAMPLEKEY00000";

    public static async Task RunAsync(string[] args)
    {
        await MeasureVerifierAsync();
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        Console.WriteLine($"Processors: {Environment.ProcessorCount}; {seconds} s; {concurrency} concurrent callers");

        var startup = Stopwatch.StartNew();
        await using var gateway = await LocalApiGateway.StartAsync(new LocalApiGatewayOptions
        {
            StaticCredentials = { new LocalAwsCredentials(AccessKeyId, Secret, null, null, "bench", null) },
        });
        var started = startup.Elapsed;
        using (var first = new HttpClient())
        using (var response = await first.GetAsync(gateway.Endpoints["NONE"]))
        {
            startup.Stop();
            Console.WriteLine($"Start-up to first answered request (cold process, includes JIT): {startup.Elapsed.TotalMilliseconds:F0} ms "
                + $"(StartAsync {started.TotalMilliseconds:F0} ms; status {(int)response.StatusCode})");
        }

        var warm = Stopwatch.StartNew();
        await using (var second = await LocalApiGateway.StartAsync())
        using (var client = new HttpClient())
        using (var response = await client.GetAsync(second.Endpoints["NONE"]))
        {
            warm.Stop();
            Console.WriteLine($"Start-up to first answered request (second gateway in the process, as in a test run): {warm.Elapsed.TotalMilliseconds:F0} ms");
        }

        var settings = new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:iam:Endpoint"] = gateway.Endpoints["AWS_IAM"].ToString(),
            ["Amplify:Endpoints:iam:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Endpoints:iam:Region"] = gateway.Region,
            ["Amplify:Credentials:AccessKeyId"] = AccessKeyId,
            ["Amplify:Credentials:SecretAccessKey"] = Secret,
        };
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Amplify"));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        var firstSigned = Stopwatch.StartNew();
        using (var response = await factory.CreateClient("iam").GetAsync(new Uri("items/warm-up?q=1", UriKind.Relative)))
        {
            firstSigned.Stop();
            Console.WriteLine($"First signed request (library + verifier JIT): {firstSigned.Elapsed.TotalMilliseconds:F0} ms ({(int)response.StatusCode})");
        }

        long ok = 0, failed = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var client = factory.CreateClient("iam");
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.GetAsync(new Uri($"items/{worker}/{n++}?q=a+b&n={n}", UriKind.Relative), CancellationToken.None);
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.OK ? ref ok : ref failed);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();

        Console.WriteLine($"Verified signed requests: {ok} in {clock.Elapsed.TotalSeconds:F1} s = {ok / clock.Elapsed.TotalSeconds:F0} requests/s (refused: {failed})");
        var refused = gateway.Requests.Count(r => r.StatusCode != 200);
        Console.WriteLine($"Gateway log: last {gateway.Requests.Count} recorded, {refused} of them refused");
    }

    /// <summary>The verifier alone, one thread: what the server spends on SigV4 per request.</summary>
    private static async Task MeasureVerifierAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var credentials = new LocalAwsCredentials(AccessKeyId, Secret, null, null, "bench", null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:5000/aws-iam/dev/items/1?q=a+b&n=2");
        await new AmplifyAuthHandlers.Signing.AwsSigV4Signer().SignAsync(request, new AmplifyAuthHandlers.Signing.AwsCredentials(AccessKeyId, Secret), "us-east-1", "execute-api");
        var headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase) { ["Host"] = "127.0.0.1:5000" };
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = new StringValues(values.ToArray());
        }

        var target = request.RequestUri!.PathAndQuery;
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 2000)
        {
            var result = SigV4Verifier.Verify("GET", target, headers, [], id => credentials, "us-east-1", "execute-api", now);
            if (!result.IsValid)
            {
                throw new InvalidOperationException(result.Message);
            }

            count++;
        }

        Console.WriteLine($"SigV4Verifier.Verify alone, one thread: {clock.Elapsed.TotalMicroseconds / count:F1} µs per request ({count / clock.Elapsed.TotalSeconds:F0}/s)");
    }
}
