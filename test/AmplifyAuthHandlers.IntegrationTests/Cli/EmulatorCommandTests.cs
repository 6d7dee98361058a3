using System.CommandLine;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Reflection;
using System.Text.Json;
using AmplifyAuthHandlers.Cli;
using AmplifyAuthHandlers.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary>
/// <c>amplify-rest emulator</c>: in-process over in-memory pipes for stdin and stdout (fast, and the test owns both
/// ends), and once as a real <c>dotnet amplify-rest.dll</c> process, which is what scripts and other languages run.
/// </summary>
[TestFixture]
public sealed class EmulatorCommandTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The command running in-process: read <see cref="Stdout"/>, close stdin (<see cref="CloseStdinAsync"/>) to stop it.</summary>
    private sealed class RunningEmulator : IAsyncDisposable
    {
        private readonly Pipe _stdin = new();
        private readonly Pipe _stdout = new();
        private readonly StreamWriter _output;

        public RunningEmulator(params string[] args)
        {
            _output = new StreamWriter(_stdout.Writer.AsStream()) { AutoFlush = true };
            Stdout = new StreamReader(_stdout.Reader.AsStream());
            var root = new RootCommand { EmulatorCommand.Create(new StreamReader(_stdin.Reader.AsStream()), _output, Error) };
            Exit = Task.Run(async () =>
            {
                try
                {
                    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, Cancellation.Token);
                }
                finally
                {
                    await _output.DisposeAsync();
                }
            });
        }

        public StringWriter Error { get; } = new();

        public StreamReader Stdout { get; }

        public Task<int> Exit { get; }

        public CancellationTokenSource Cancellation { get; } = new();

        public async Task<string> ReadLineAsync() => await Stdout.ReadLineAsync().WaitAsync(Limit) ?? throw new AssertionException("stdout ended: " + Error);

        public async Task CloseStdinAsync() => await _stdin.Writer.CompleteAsync();

        public async ValueTask DisposeAsync()
        {
            await CloseStdinAsync();
            await Cancellation.CancelAsync();
            await Exit.WaitAsync(Limit);
            Cancellation.Dispose();
            Stdout.Dispose();
        }
    }

    [Test]
    public async Task Invoke_Json_PrintsOneLineThatDescribesAWorkingBackendAndExits0OnStdinEof()
    {
        await using var emulator = new RunningEmulator("emulator", "--json");

        var line = await emulator.ReadLineAsync();
        var json = JsonDocument.Parse(line).RootElement;
        using var http = new HttpClient();
        using var none = await http.GetAsync(new Uri(json.GetProperty("apis").GetProperty("NONE").GetString() + "/ping"));
        using var apiKey = new HttpRequestMessage(HttpMethod.Get, json.GetProperty("apis").GetProperty("API_KEY").GetString() + "/ping");
        apiKey.Headers.Add("x-api-key", json.GetProperty("apiKey").GetString());
        using var keyed = await http.SendAsync(apiKey);
        var gen1 = json.GetProperty("amplifyconfiguration").GetString()!;
        var gen2 = json.GetProperty("amplifyOutputs").GetString()!;
        var filesExisted = File.Exists(gen1) && File.Exists(gen2);
        await emulator.CloseStdinAsync();
        var exit = await emulator.Exit.WaitAsync(Limit);
        var rest = await emulator.Stdout.ReadToEndAsync();

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), emulator.Error.ToString());
            Assert.That(rest, Is.Empty, "exactly one line on stdout");
            Assert.That(emulator.Error.ToString(), Is.Empty);
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(keyed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(filesExisted, Is.True);
            Assert.That(Directory.Exists(Path.GetDirectoryName(gen1)), Is.False, "the temporary directory is removed on exit");
            Assert.That(json.GetProperty("region").GetString(), Is.EqualTo("us-east-1"));
            Assert.That(json.GetProperty("userPoolId").GetString(), Does.StartWith("us-east-1_"));
            Assert.That(json.GetProperty("appClientId").GetString(), Is.Not.Empty);
            Assert.That(json.GetProperty("identityPoolId").GetString(), Does.StartWith("us-east-1:"));
            Assert.That(new Uri(json.GetProperty("cognitoIdentityProvider").GetString()!).IsLoopback, Is.True);
            Assert.That(new Uri(json.GetProperty("cognitoIdentity").GetString()!).IsLoopback, Is.True);
            Assert.That(json.GetProperty("users")[0].GetProperty("username").GetString(), Is.EqualTo("demo"));
            Assert.That(json.GetProperty("users")[0].GetProperty("password").GetString(), Has.Length.GreaterThanOrEqualTo(8));
            Assert.That(json.GetProperty("apis").EnumerateObject().Select(p => p.Name),
                Is.EqualTo(new[] { "NONE", "API_KEY", "AWS_IAM", "AMAZON_COGNITO_USER_POOLS", "OPENID_CONNECT", "AWS_LAMBDA" }));
            Assert.That(json.GetProperty("apis").GetProperty("AWS_IAM").GetString(), Does.EndWith("/aws-iam/dev"));
        });
    }

    [Test]
    public async Task Invoke_Json_TheLinesFileAndUserDriveTheLibrary()
    {
        await using var emulator = new RunningEmulator("emulator", "--json");
        var json = JsonDocument.Parse(await emulator.ReadLineAsync()).RootElement;
        var user = json.GetProperty("users")[0];
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(json.GetProperty("amplifyconfiguration").GetString()!)
            .AddOidcTokenProvider<Testing.Backend.SessionIdTokenProvider>()
            .AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>(null));
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        await provider.GetRequiredService<IAmplifyAuth>().SignInAsync(user.GetProperty("username").GetString()!, user.GetProperty("password").GetString()!);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(LocalAmplifyEndpointNames.Iam);
        using var response = await client.GetAsync(new Uri("whoami", UriKind.Relative));
        var echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(echo.GetProperty("role").GetString(), Is.EqualTo("authenticated"));
        Assert.That(echo.GetProperty("principal").GetString(), Does.StartWith("us-east-1:"));
    }

    [Test]
    public async Task Invoke_SummaryWithOutDirectory_PrintsNoSecretsAndKeepsTheFiles()
    {
        var directory = Directory.CreateTempSubdirectory("emulator-out-");
        try
        {
            string summary;
            await using (var emulator = new RunningEmulator("emulator", "--out", directory.FullName))
            {
                var firstLine = await emulator.ReadLineAsync();
                await emulator.CloseStdinAsync();
                Assert.That(await emulator.Exit.WaitAsync(Limit), Is.EqualTo(0));
                summary = firstLine + "\n" + await emulator.Stdout.ReadToEndAsync() + emulator.Error;
            }

            var gen1 = Path.Combine(directory.FullName, "amplifyconfiguration.json");
            using var config = JsonDocument.Parse(File.ReadAllText(gen1));
            var apiKey = config.RootElement.GetProperty("api").GetProperty("plugins").GetProperty("awsAPIPlugin")
                .GetProperty(LocalAmplifyEndpointNames.ApiKey).GetProperty("apiKey").GetString()!;
            Assert.That(summary, Does.Contain("/aws-iam/dev").And.Contain(gen1).And.Contain("demo"));
            Assert.That(summary, Does.Not.Contain(apiKey));
            Assert.That(summary, Does.Not.Contain("Demo-"), "the generated password starts with Demo-");
            Assert.That(File.Exists(Path.Combine(directory.FullName, "amplify_outputs.json")), Is.True);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task Invoke_Cancelled_StopsTheServersAndExits0()
    {
        await using var emulator = new RunningEmulator("emulator", "--json", "--ignore-stdin");
        var json = JsonDocument.Parse(await emulator.ReadLineAsync()).RootElement;
        var none = new Uri(json.GetProperty("apis").GetProperty("NONE").GetString()!);
        await emulator.CloseStdinAsync();
        await Task.Delay(200);
        var stillRunning = !emulator.Exit.IsCompleted;

        await emulator.Cancellation.CancelAsync();
        var exit = await emulator.Exit.WaitAsync(Limit);

        Assert.That(stillRunning, Is.True, "--ignore-stdin keeps serving after EOF");
        Assert.That(exit, Is.EqualTo(0));
        using var http = new HttpClient();
        Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(none));
    }

    [Test]
    public async Task Process_JsonThenStdinClosed_PrintsTheLineAndExits0()
    {
        var cliDirectory = typeof(EmulatorCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AmplifyRestCliDirectory").Value!;
        var dll = Path.Combine(cliDirectory, "amplify-rest.dll");
        Assert.That(File.Exists(dll), Is.True, $"{dll} is built by the project reference");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            ArgumentList = { dll, "emulator", "--json" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Limit)
                ?? throw new AssertionException("no line on stdout: " + await process.StandardError.ReadToEndAsync());
            var json = JsonDocument.Parse(line).RootElement;
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(json.GetProperty("apis").GetProperty("NONE").GetString() + "/ping"));

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(Limit);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(process.ExitCode, Is.EqualTo(0), await process.StandardError.ReadToEndAsync());
            Assert.That(await process.StandardOutput.ReadToEndAsync(), Is.Empty);
            Assert.That(File.Exists(json.GetProperty("amplifyconfiguration").GetString()), Is.False, "the temporary files are removed on exit");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
