using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using AmplifyAuthHandlers.IntegrationTests.TestSupport;

namespace AmplifyAuthHandlers.IntegrationTests;

/// <summary>
/// Runs the pinned cognito-local (see <c>cognito-local/package.json</c>) on a free loopback port with a fresh data
/// directory, for tests that need a real Cognito User Pools peer. Use <see cref="GetSharedAsync"/> from a fixture's
/// <c>[OneTimeSetUp]</c> (the <see cref="CognitoLocalSetUp"/> fixture stops it after the run), or
/// <see cref="StartAsync"/> for a private instance you dispose yourself.
/// </summary>
/// <remarks>
/// Node comes from <c>NODE_BINARY</c> or <c>PATH</c>; when it (or npm, needed once for <c>npm ci</c>) is missing the
/// calling fixture is ignored with a message saying how to enable it. cognito-local reads <c>.cognito/config.json</c>
/// and keeps <c>.cognito/db</c> relative to its working directory, and takes <c>PORT</c> and <c>HOST</c> from the
/// environment (lib/server/config.js).
/// </remarks>
public sealed class CognitoLocalServer : IAsyncDisposable
{
    private const string ConfigJson = """{"UserPoolDefaults":{"UsernameAttributes":[]}}""";
    private const int MaxLogLines = 200;

    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static CognitoLocalServer? _shared;
    private static string? _unavailableReason;

    private readonly Process _process;
    private readonly DirectoryInfo _dataDirectory;
    private readonly ConcurrentQueue<string> _log;
    private readonly HttpClient _adminClient;

    private CognitoLocalServer(Process process, DirectoryInfo dataDirectory, ConcurrentQueue<string> log, Uri endpoint)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _log = log;
        Endpoint = endpoint;
        _adminClient = new HttpClient { BaseAddress = endpoint };
    }

    /// <summary>Gets the service URI, for example <c>http://127.0.0.1:41234/</c>: pass it to the Cognito clients.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the last lines cognito-local printed (for failure messages).</summary>
    public string RecentLog => string.Join(Environment.NewLine, _log);

    /// <summary>Returns the server shared by the whole test run, starting it on first use.</summary>
    /// <returns>The running server.</returns>
    public static async Task<CognitoLocalServer> GetSharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_unavailableReason is not null)
            {
                Assert.Ignore(_unavailableReason);
            }

            if (_shared is null || _shared._process.HasExited)
            {
                try
                {
                    _shared = await StartAsync();
                }
                catch (IgnoreException exception)
                {
                    _unavailableReason = exception.Message;
                    throw;
                }
            }

            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Stops the shared server, if one was started.</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public static async Task StopSharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is not null)
            {
                await _shared.DisposeAsync();
                _shared = null;
            }
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Starts a private cognito-local; dispose it to stop it and delete its data.</summary>
    /// <returns>The running server.</returns>
    public static async Task<CognitoLocalServer> StartAsync()
    {
        var node = NodeTools.RequireNode("the cognito-local integration tests");
        var packageDirectory = FindPackageDirectory();
        var startScript = Path.Combine(packageDirectory, "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(startScript))
        {
            await NodeTools.NpmCiAsync(packageDirectory, "the cognito-local integration tests");
        }

        Exception? lastFailure = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dataDirectory = Directory.CreateTempSubdirectory("cognito-local-");
            try
            {
                return await LaunchAsync(node, startScript, dataDirectory);
            }
            catch (InvalidOperationException exception)
            {
                // Usually another process took the free port between our probe and node's bind: try a new one.
                lastFailure = exception;
                TryDelete(dataDirectory);
            }
        }

        throw new InvalidOperationException("cognito-local did not start after 3 attempts.", lastFailure);
    }

    /// <summary>Creates a user pool and returns its ID (for example <c>local_AbCd1234</c>).</summary>
    /// <param name="name">The pool name.</param>
    /// <returns>The pool ID.</returns>
    public async Task<string> CreateUserPoolAsync(string name)
    {
        var response = await AdminAsync("CreateUserPool", new JsonObject { ["PoolName"] = name });
        return (string)response["UserPool"]!["Id"]!;
    }

    /// <summary>Creates an app client allowing USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH and returns its ID.</summary>
    /// <param name="userPoolId">The pool.</param>
    /// <param name="name">The client name.</param>
    /// <returns>The client ID.</returns>
    public async Task<string> CreateUserPoolClientAsync(string userPoolId, string name = "integration-tests")
    {
        var response = await AdminAsync("CreateUserPoolClient", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["ClientName"] = name,
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
        });
        return (string)response["UserPoolClient"]!["ClientId"]!;
    }

    /// <summary>Creates a confirmed user with a permanent password (AdminCreateUser, then AdminSetUserPassword).</summary>
    /// <param name="userPoolId">The pool.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>The user's <c>sub</c>.</returns>
    public async Task<string> CreateConfirmedUserAsync(string userPoolId, string username, string password)
    {
        var sub = await CreateUserWithTemporaryPasswordAsync(userPoolId, username, password);
        await AdminAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["Password"] = password,
            ["Permanent"] = true,
        });
        return sub;
    }

    /// <summary>Creates a user in FORCE_CHANGE_PASSWORD state (AdminCreateUser, no message sent).</summary>
    /// <param name="userPoolId">The pool.</param>
    /// <param name="username">The user name.</param>
    /// <param name="temporaryPassword">The temporary password.</param>
    /// <returns>The user's <c>sub</c>.</returns>
    public async Task<string> CreateUserWithTemporaryPasswordAsync(string userPoolId, string username, string temporaryPassword)
    {
        var response = await AdminAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = userPoolId,
            ["Username"] = username,
            ["TemporaryPassword"] = temporaryPassword,
            ["MessageAction"] = "SUPPRESS",
        });
        var attributes = response["User"]!["Attributes"]!.AsArray();
        return (string)attributes.First(a => (string?)a!["Name"] == "sub")!["Value"]!;
    }

    /// <summary>Signs a user up through the public SignUp API; the user stays UNCONFIRMED.</summary>
    /// <param name="clientId">The app client.</param>
    /// <param name="username">The user name.</param>
    /// <param name="password">The password.</param>
    /// <returns>A task that completes when the user exists.</returns>
    public Task SignUpUnconfirmedUserAsync(string clientId, string username, string password) =>
        AdminAsync("SignUp", new JsonObject { ["ClientId"] = clientId, ["Username"] = username, ["Password"] = password });

    /// <summary>Calls any cognito-local User Pools operation with a JSON body and returns the JSON response.</summary>
    /// <param name="operation">The operation, for example <c>AdminGetUser</c>.</param>
    /// <param name="body">The request body.</param>
    /// <returns>The response body.</returns>
    public async Task<JsonObject> AdminAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var response = await _adminClient.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"cognito-local {operation} failed with HTTP {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text)!.AsObject();
    }

    /// <summary>Stops node (with its whole process tree) and deletes the data directory.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        _adminClient.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or refused to die within the limit: nothing more a test run can do.
        }

        _process.Dispose();
        TryDelete(_dataDirectory);
    }

    private static async Task<CognitoLocalServer> LaunchAsync(string node, string startScript, DirectoryInfo dataDirectory)
    {
        var configDirectory = Directory.CreateDirectory(Path.Combine(dataDirectory.FullName, ".cognito"));
        await File.WriteAllTextAsync(Path.Combine(configDirectory.FullName, "config.json"), ConfigJson);

        var port = FindFreeLoopbackPort();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        var startInfo = new ProcessStartInfo(node)
        {
            WorkingDirectory = dataDirectory.FullName,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add(startScript);
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["HOST"] = "127.0.0.1";
        startInfo.Environment["NO_COLOR"] = "1";

        var log = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new CognitoLocalServer(process, dataDirectory, log, endpoint);
        try
        {
            await server.WaitUntilAnsweringAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var limit = new CancellationTokenSource(StartupLimit);
        using var probe = new HttpClient { BaseAddress = Endpoint, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with code {_process.ExitCode} before answering on {Endpoint}:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                using var response = await probe.GetAsync("/health", limit.Token);
                return; // Any HTTP answer means it is listening.
            }
            catch (HttpRequestException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new InvalidOperationException($"cognito-local did not answer on {Endpoint} within {StartupLimit.TotalSeconds} s:{Environment.NewLine}{RecentLog}");
            }
        }
    }

    private static string FindPackageDirectory()
    {
        var directory = Environment.GetEnvironmentVariable("COGNITO_LOCAL_DIR")
            ?? typeof(CognitoLocalServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "CognitoLocalDirectory").Value!;
        return File.Exists(Path.Combine(directory, "package-lock.json"))
            ? directory
            : throw new InvalidOperationException($"'{directory}' has no package-lock.json; set COGNITO_LOCAL_DIR to the folder that pins cognito-local.");
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > MaxLogLines && log.TryDequeue(out _))
        {
        }
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
