using System.Collections.Concurrent;
using AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers.IntegrationTests.Rest;

/// <summary>
/// The messages of <see cref="IAmplifyRestApi"/> failures as users meet them, against the local API Gateway over
/// loopback: API Gateway's own reason, a hint, and for a signature mismatch the first line that differs from what was
/// signed (with the whole difference logged at Warning), never a secret.
/// </summary>
[TestFixture]
public sealed class AmplifyRestApiTests
{
    private const string AccessKeyId = "AKIDLOCALGATEWAYTEST";
    private const string Secret = "local/gateway+secret/EXAMPLEKEY0123456789";
    private const string SessionToken = "local-session-token/with+chars==";

    private LocalApiGateway _gateway = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp() =>
        _gateway = await LocalApiGateway.StartAsync(new LocalApiGatewayOptions
        {
            StaticCredentials = { new LocalAwsCredentials(AccessKeyId, Secret, SessionToken, null, "static-test-principal", "authenticated") },
        });

    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await _gateway.DisposeAsync();

    private ServiceProvider Services(CapturingLogger logs, string region = "us-east-1", string apiKey = "", Func<HttpRequestMessage, Task>? tamper = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:iam:Endpoint"] = _gateway.Endpoints["AWS_IAM"].ToString(),
            ["Amplify:Endpoints:iam:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Endpoints:iam:Region"] = region,
            ["Amplify:Endpoints:iam:Headers:X-Custom"] = "value",
            ["Amplify:Endpoints:key:Endpoint"] = _gateway.Endpoints["API_KEY"].ToString(),
            ["Amplify:Endpoints:key:AuthorizationType"] = "API_KEY",
            ["Amplify:Endpoints:key:ApiKey"] = apiKey.Length > 0 ? apiKey : _gateway.ApiKey,
            ["Amplify:Endpoints:wrongStage:Endpoint"] = WrongStage(_gateway.Endpoints["NONE"]),
            ["Amplify:Endpoints:wrongStage:AuthorizationType"] = "NONE",
            ["Amplify:Credentials:AccessKeyId"] = AccessKeyId,
            ["Amplify:Credentials:SecretAccessKey"] = Secret,
            ["Amplify:Credentials:SessionToken"] = SessionToken,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        if (tamper is not null)
        {
            services.AddHttpClient("iam").ConfigurePrimaryHttpMessageHandler(() => new TamperingHandler(tamper));
        }

        return services.BuildServiceProvider(validateScopes: true);
    }

    [Test]
    public async Task GetAsync_WrongRegion_MessageCarriesGatewayReasonAndRegionHint()
    {
        var logs = new CapturingLogger();
        await using var provider = Services(logs, region: "us-west-2");

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("iam", "/items"));

        Assert.That(ex!.Message, Does.Contain("(InvalidSignatureException): Credential should be scoped to a valid region, not 'us-west-2'.")
            .And.Contain("set the endpoint's 'region'"));
        Assert.That(ex.Message, Does.Not.Contain(SessionToken).And.Not.Contain(Secret));
    }

    [Test]
    public async Task GetAsync_HeaderChangedAfterSigning_MessageNamesTheFirstDifferingLineAndLogsTheDiff()
    {
        var logs = new CapturingLogger();
        await using var provider = Services(logs, tamper: r =>
        {
            r.Headers.Remove("X-Custom");
            r.Headers.TryAddWithoutValidation("X-Custom", "changed");
            return Task.CompletedTask;
        });

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("iam", "/items"));

        Assert.That(ex!.Message, Does.Contain("The request signature we calculated does not match")
            .And.Contain("First difference from what was signed: canonical request line")
            .And.Contain("signed 'x-custom:value', API Gateway expected 'x-custom:changed'"));
        Assert.That(ex.Message, Does.Not.Contain(SessionToken).And.Not.Contain("Canonical String"));
        Assert.That(ex.Body, Does.Contain("The Canonical String for this request should have been"), "the body stays whole for whoever wants it");
        var warning = logs.Entries.Single(e => e.EventId == 1601);
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain("signed 'x-custom:value', API Gateway expected 'x-custom:changed'"));
        Assert.That(logs.Entries.Select(e => e.Message), Has.None.Contain(SessionToken).And.None.Contain(Secret));
    }

    [Test]
    public async Task GetAsync_UnknownRoute_HintsStagePathAndMethod()
    {
        var logs = new CapturingLogger();
        await using var provider = Services(logs);

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("wrongStage", "/items"));

        Assert.That(ex!.Message, Does.Contain("(MissingAuthenticationTokenException): Missing Authentication Token").And.Contain("check the stage"));
    }

    [Test]
    public async Task GetAsync_WrongApiKey_HintsTheKeyAndItsUsagePlan()
    {
        var logs = new CapturingLogger();
        await using var provider = Services(logs, apiKey: "not-the-key-0123456789");

        var ex = Assert.ThrowsAsync<AmplifyHttpStatusException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("key", "/items"));

        Assert.That(ex!.Message, Does.Contain("(ForbiddenException): Forbidden").And.Contain("usage plan"));
        Assert.That(ex.Message, Does.Not.Contain("not-the-key-0123456789"));
    }

    /// <summary>The same API under a stage the gateway does not have.</summary>
    private static string WrongStage(Uri endpoint)
    {
        var text = endpoint.ToString().TrimEnd('/');
        return text[..text.LastIndexOf('/')] + "/nostage";
    }

    /// <summary>Keeps every log entry, formatted.</summary>
    private sealed class CapturingLogger : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));

        public void Dispose()
        {
        }
    }
}
