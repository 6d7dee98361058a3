using System.Diagnostics;
using System.Globalization;
using System.Net;
using AmplifyAuthHandlers.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.Benchmarks;

/// <summary>
/// What the handler chain costs end to end: requests per second through each authorization mode's
/// <c>AddAmplifyRestApi</c> client against a trivial Kestrel endpoint on 127.0.0.1 in the same process, side by side
/// with plain clients. Not BenchmarkDotNet: it spans a server, sockets and thousands of concurrent requests.
/// Variants run in interleaved rounds (the order rotates every round) so drift in the machine's load hits all of
/// them alike; each variant's figure is the median of its per-round ratios to its reference, and the A/A pair of
/// identical plain clients shows how much of a difference is noise. CPU and allocation per request are process-wide
/// (client and server), so only the differences between variants mean anything.
/// Run: <c>dotnet run -c Release --project bench/AmplifyAuthHandlers.Benchmarks -- chain [rounds=5] [seconds=2] [concurrency=16] [only]</c>
/// (<c>only</c>: the name of one variant, run alone, to profile it with <c>dotnet-trace</c>).
/// </summary>
internal static class ChainThroughputMeasurement
{
    private const string AccessKeyId = "AKIDBENCHMARKCHAIN00";
    private const string Secret = "benchmark-chain-secret-EXAMPLEKEY0000000";
    private const string Region = "us-east-1";

    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var only = args.Length > 3 ? args[3] : null;

        await using var server = await StartServerAsync();
        var origin = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var stage = new Uri($"{origin}/dev/");

        // A ~1 KB session token, as Cognito identity-pool credentials carry.
        var sessionToken = string.Concat(Enumerable.Repeat("IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ", 18));
        var token = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0." + new string('a', 700) + ".c2ln";

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddHttpClient("bare", client => client.BaseAddress = stage);

        // What IHttpClientFactory's own logging handlers cost (every factory client has them unless removed): the
        // reference for AWS_IAM is a plain HttpClient, which has none.
        services.AddHttpClient("bare, no loggers", client => client.BaseAddress = stage).RemoveAllLoggers();
        services.AddSingleton<IUserPoolTokenSource>(new SignedInUser(token));
        var endpoints = new Dictionary<string, string?>
        {
            ["Amplify:Credentials:AccessKeyId"] = AccessKeyId,
            ["Amplify:Credentials:SecretAccessKey"] = Secret,
            ["Amplify:Credentials:SessionToken"] = sessionToken,
        };
        foreach (var mode in new[] { "NONE", "API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA" })
        {
            endpoints[$"Amplify:Endpoints:{mode}:Endpoint"] = stage.ToString();
            endpoints[$"Amplify:Endpoints:{mode}:AuthorizationType"] = mode;
            endpoints[$"Amplify:Endpoints:{mode}:Region"] = Region;
        }

        endpoints["Amplify:Endpoints:API_KEY:ApiKey"] = "da2-benchmarkapikey0000000000";

        // What the default retries and timeouts cost: the same NONE endpoint with them off.
        endpoints["Amplify:Endpoints:NONE_NO_RETRIES:Endpoint"] = stage.ToString();
        endpoints["Amplify:Endpoints:NONE_NO_RETRIES:AuthorizationType"] = "NONE";
        endpoints["Amplify:Endpoints:NONE_NO_RETRIES:Resilience:Enabled"] = "false";

        // The same AWS_IAM endpoint without the factory's logging handlers (RemoveAllLoggers on its named client).
        endpoints["Amplify:Endpoints:AWS_IAM_NO_LOGGERS:Endpoint"] = stage.ToString();
        endpoints["Amplify:Endpoints:AWS_IAM_NO_LOGGERS:AuthorizationType"] = "AWS_IAM";
        endpoints["Amplify:Endpoints:AWS_IAM_NO_LOGGERS:Region"] = Region;
        services.AddHttpClient("AWS_IAM_NO_LOGGERS").RemoveAllLoggers();
        var builder = services.AddAmplifyRestApi(new ConfigurationBuilder().AddInMemoryCollection(endpoints).Build().GetSection("Amplify"));
        builder.AddOidcTokenProvider<FixedOidcToken>();
        builder.AddFunctionTokenProvider("AWS_LAMBDA", _ => ValueTask.FromResult<string?>(token));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var plainA = new HttpClient { BaseAddress = stage };
        using var plainB = new HttpClient { BaseAddress = stage };
        using var plainWithHeaders = new HttpClient { BaseAddress = stage };
        var signedHeaders = await SignedHeadersAsync(stage, sessionToken);
        foreach (var (name, value) in signedHeaders)
        {
            plainWithHeaders.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        var variants = new Variant[]
        {
            new("plain HttpClient A", null, () => plainA),
            new("plain HttpClient B (A/A)", "plain HttpClient A", () => plainB),
            new("plain + AWS_IAM headers, unsigned", "plain HttpClient A", () => plainWithHeaders),
            new("bare factory client", "plain HttpClient A", () => factory.CreateClient("bare")),
            new("bare factory client, loggers removed", "plain HttpClient A", () => factory.CreateClient("bare, no loggers")),
            new("NONE", "bare factory client", () => factory.CreateClient("NONE")),
            new("NONE, Resilience:Enabled false", "bare factory client", () => factory.CreateClient("NONE_NO_RETRIES")),
            new("API_KEY", "bare factory client", () => factory.CreateClient("API_KEY")),
            new("AMAZON_COGNITO_USER_POOLS", "bare factory client", () => factory.CreateClient("AMAZON_COGNITO_USER_POOLS")),
            new("OPENID_CONNECT", "bare factory client", () => factory.CreateClient("OPENID_CONNECT")),
            new("AWS_LAMBDA", "bare factory client", () => factory.CreateClient("AWS_LAMBDA")),
            new("AWS_IAM", "plain + AWS_IAM headers, unsigned", () => factory.CreateClient("AWS_IAM")),
            new("AWS_IAM, factory loggers removed", "plain + AWS_IAM headers, unsigned", () => factory.CreateClient("AWS_IAM_NO_LOGGERS")),
        };

        if (only is not null)
        {
            variants = [.. variants.Where(v => v.Name == only).Select(v => v with { Reference = null })];
        }

        Console.WriteLine($"Processors: {Environment.ProcessorCount}; {rounds} rounds of {seconds} s per variant; {concurrency} concurrent callers; server {origin}");
        foreach (var variant in variants)
        {
            await MeasureAsync(variant, TimeSpan.FromSeconds(1), concurrency); // warm-up: JIT, connections, caches
        }

        var results = variants.ToDictionary(v => v.Name, _ => new List<Sample>());
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < variants.Length; i++)
            {
                var variant = variants[(i + round) % variants.Length];
                results[variant.Name].Add(await MeasureAsync(variant, TimeSpan.FromSeconds(seconds), concurrency));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| variant | compared with | requests/s (median) | ratio to reference (median of rounds; min–max) | CPU µs/request | bytes/request | context switches/request |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var variant in variants)
        {
            var samples = results[variant.Name];
            var ratio = "—";
            if (variant.Reference is { } reference)
            {
                var ratios = samples.Zip(results[reference], (s, r) => s.RequestsPerSecond / r.RequestsPerSecond).ToList();
                ratio = $"{Median(ratios):F3} ({ratios.Min():F3}–{ratios.Max():F3})";
            }

            Console.WriteLine($"| {variant.Name} | {variant.Reference ?? "—"} | {Median(samples.Select(s => s.RequestsPerSecond)):F0} | {ratio} "
                + $"| {Median(samples.Select(s => s.CpuMicrosecondsPerRequest)):F1} | {Median(samples.Select(s => s.BytesPerRequest)):F0} | {Median(samples.Select(s => s.ContextSwitchesPerRequest)):F2} |");
        }

        var authorization = signedHeaders.Single(h => h.Name == "Authorization").Value;
        Console.WriteLine();
        Console.WriteLine($"The Authorization string the signer must add: {authorization.Length} chars = {22 + (2 * authorization.Length)} bytes on the heap.");
    }

    private static async Task<Sample> MeasureAsync(Variant variant, TimeSpan duration, int concurrency)
    {
        using var stop = new CancellationTokenSource();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var switchesBefore = ContextSwitches.Count();
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(duration);
        var counts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            long n = 0;
            var path = new Uri($"items/{worker}?q=1", UriKind.Relative);
            while (!stop.IsCancellationRequested)
            {
                using var response = await variant.Client().GetAsync(path, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{variant.Name}: {(int)response.StatusCode}");
                }

                n++;
            }

            return n;
        })));
        clock.Stop();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
        var switches = ContextSwitches.Count() - switchesBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var requests = counts.Sum();
        return new Sample(requests / clock.Elapsed.TotalSeconds, cpu.TotalMicroseconds / requests, (double)bytes / requests, (double)switches / requests);
    }

    /// <summary>The headers an AWS_IAM request carries, signed once: the unsigned plain client sends the same bytes.</summary>
    private static async Task<List<(string Name, string Value)>> SignedHeadersAsync(Uri stage, string sessionToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stage, "items/0?q=1"));
        await new AwsSigV4Signer().SignAsync(request, new AwsCredentials(AccessKeyId, Secret, sessionToken), Region, "execute-api");
        return request.Headers.Select(h => (h.Key, string.Join(",", h.Value))).ToList();
    }

    private static async Task<WebApplication> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var body = "{\"ok\":true}"u8.ToArray();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        return app;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>A signed-in user-pool session that never needs a refresh.</summary>
    private sealed class SignedInUser(string token) : IUserPoolTokenSource
    {
        private readonly UserPoolTokens _tokens = new(token, token, accessTokenExpiresAt: DateTimeOffset.UtcNow.AddDays(1), idTokenExpiresAt: DateTimeOffset.UtcNow.AddDays(1));

        public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken) => ValueTask.FromResult<UserPoolTokens?>(_tokens);
    }

    /// <summary>An OIDC provider with a token at hand.</summary>
    private sealed class FixedOidcToken : IAmplifyTokenProvider
    {
        private static readonly string Token = "eyJraWQiOiJvaWRjIiwiYWxnIjoiUlMyNTYifQ." + new string('o', 700) + ".c2ln";

        public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(Token);
    }

    private sealed record Variant(string Name, string? Reference, Func<HttpClient> Client);

    private sealed record Sample(double RequestsPerSecond, double CpuMicrosecondsPerRequest, double BytesPerRequest, double ContextSwitchesPerRequest);
}
