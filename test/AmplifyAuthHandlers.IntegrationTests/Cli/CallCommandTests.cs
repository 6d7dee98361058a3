using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary><c>amplify-rest METHOD api path</c> against a <see cref="LocalAmplifyBackend"/>, in-process.</summary>
[TestFixture]
public sealed partial class CallCommandTests
{
    private const string Username = "alice";
    private const string Password = "Alice-Passw0rd!cli";
    private const string ApiKey = "cli-test-api-key-0123456789abcdef";

    private LocalAmplifyBackend _backend = null!;
    private string _configFolder = null!;
    private string _config = null!;
    private CliHarness _cli = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _backend = await LocalAmplifyBackend.StartAsync(new LocalAmplifyBackendOptions
        {
            ApiKey = ApiKey,
            Users = { new LocalAmplifyUser(Username, Password) },
        });
        _configFolder = Directory.CreateTempSubdirectory("amplify-rest-config-").FullName;
        _config = _backend.WriteAmplifyConfiguration(Path.Combine(_configFolder, "amplifyconfiguration.json"));
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        await _backend.DisposeAsync();
        Directory.Delete(_configFolder, recursive: true);
    }

    [SetUp]
    public void SetUp() => _cli = new CliHarness();

    [TearDown]
    public void TearDown() => _cli.Dispose();

    [Test]
    public async Task Get_NoneApi_PrintsTheBodyAndExitsZero()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.None, "/items/1", "--config", _config);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var echo = JsonDocument.Parse(result.Out);
        Assert.Multiple(() =>
        {
            Assert.That(echo.RootElement.GetProperty("method").GetString(), Is.EqualTo("GET"));
            Assert.That(echo.RootElement.GetProperty("path").GetString(), Is.EqualTo("/items/1"));
            Assert.That(result.Error, Is.Empty);
        });
    }

    [Test]
    public async Task Post_HeaderDataAndQuery_ReachTheApiKeyApi()
    {
        var result = await _cli.RunAsync(
            "post", LocalAmplifyEndpointNames.ApiKey, "/orders", "--config", _config,
            "-H", "X-Tenant: acme", "-d", """{"item":"book"}""", "--query", "page=2", "--query", "q=a b");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var echo = JsonDocument.Parse(result.Out);
        var seen = _backend.Gateway.Requests[^1];
        Assert.Multiple(() =>
        {
            Assert.That(echo.RootElement.GetProperty("method").GetString(), Is.EqualTo("POST"));
            Assert.That(echo.RootElement.GetProperty("bodyLength").GetInt32(), Is.EqualTo(15));
            Assert.That(echo.RootElement.GetProperty("query").GetString(), Is.EqualTo("page=2&q=a%20b"));
            Assert.That(seen.Headers["X-Tenant"], Is.EqualTo("acme"));
            Assert.That(seen.Headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(seen.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task Post_DataFromFile_SignsAndSendsTheFileBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("line one\nline two\n");
        await File.WriteAllBytesAsync(Path.Combine(_cli.WorkingDirectory, "body.txt"), bytes);

        var result = await _cli.RunAsync("PUT", LocalAmplifyEndpointNames.Iam, "/files/a", "--config", _config, "-d", "@body.txt");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var echo = JsonDocument.Parse(result.Out);
        Assert.Multiple(() =>
        {
            Assert.That(echo.RootElement.GetProperty("bodyLength").GetInt32(), Is.EqualTo(bytes.Length));
            Assert.That(echo.RootElement.GetProperty("role").GetString(), Is.EqualTo("unauthenticated"));
        });
    }

    [Test]
    public async Task Post_DataFileMissing_ExitsTwo()
    {
        var result = await _cli.RunAsync("POST", LocalAmplifyEndpointNames.None, "/x", "--config", _config, "-d", "@missing.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("missing.json"));
        });
    }

    [Test]
    public async Task Get_Include_PrintsStatusLineAndHeadersBeforeTheBody()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.None, "/items", "--config", _config, "-i");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var lines = result.Out.ReplaceLineEndings("\n").Split('\n');
        var blank = Array.IndexOf(lines, string.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("HTTP/1.1 200 OK"));
            Assert.That(lines[..blank], Has.Some.StartsWith("x-amzn-RequestId: "));
            Assert.That(lines[..blank], Has.Some.StartsWith("Content-Type: application/json"));
            Assert.That(lines[blank + 1], Does.StartWith("{"));
        });
    }

    [Test]
    public async Task Get_VerboseIam_PrintsCanonicalRequestAndStringToSignWithSecretsRedacted()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.Iam, "/items", "--config", _config, "--query", "b=2", "--query", "a=1", "-v");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var error = result.Error.ReplaceLineEndings("\n");
        var signedHeaders = SignedHeadersPattern().Match(error).Groups[1].Value;
        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("> GET /aws-iam/dev/items?b=2&a=1 HTTP/1.1\n"));
            Assert.That(error, Does.Contain("> X-Amz-Security-Token: [redacted]\n"));
            Assert.That(error, Does.Match(@"> Authorization: AWS4-HMAC-SHA256 Credential=\S+/\d{8}/us-east-1/execute-api/aws4_request, SignedHeaders=\S+, Signature=\[redacted\]\n"));
            Assert.That(error, Does.Not.Match("Signature=[0-9a-f]{64}"));
            Assert.That(error, Does.Contain("* SigV4 canonical request:\n*   GET\n*   /aws-iam/dev/items\n*   a=1&b=2\n"));
            Assert.That(error, Does.Contain("*   x-amz-security-token:[redacted]\n"));
            Assert.That(error, Does.Contain("*   " + signedHeaders + "\n"));
            Assert.That(error, Does.Match(@"\* SigV4 string to sign:\n\*   AWS4-HMAC-SHA256\n\*   \d{8}T\d{6}Z\n\*   \d{8}/us-east-1/execute-api/aws4_request\n\*   [0-9a-f]{64}\n"));
            Assert.That(error, Does.Not.Contain("* note:"));
            Assert.That(error, Does.Contain("< HTTP/1.1 200 OK\n"));
            Assert.That(signedHeaders, Does.Contain("host").And.Contain("x-amz-security-token"));
        });
    }

    [Test]
    public async Task Get_VerboseApiKey_RedactsTheKey()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.ApiKey, "/items", "--config", _config, "-v");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
            Assert.That(result.Error, Does.Contain("> x-api-key: [redacted]"));
            Assert.That(result.All, Does.Not.Contain(ApiKey));
            Assert.That(result.Error, Does.Not.Contain("SigV4"));
        });
    }

    [Test]
    public async Task Get_WrongApiKeyHeader_ExitsTwentyTwoWithTheBodyAndOneErrorLine()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.ApiKey, "/items", "--config", _config, "-H", "x-api-key: not-the-key", "-i");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(22), result.ToString);
            Assert.That(result.Out, Does.StartWith("HTTP/1.1 403 Forbidden"));
            Assert.That(result.Out, Does.Contain("\"message\""));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain("403").And.Contain("ForbiddenException"));
        });
    }

    [Test]
    public async Task Get_UnknownApi_ExitsTwoWithTheLibrarysMessage()
    {
        var result = await _cli.RunAsync("GET", "nope", "/items", "--config", _config);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("No REST endpoint named 'nope'"));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [TestCase("GET", TestName = "Run_MissingArguments_ExitsTwo")]
    [TestCase("GET|none|/x|-H|no-colon", TestName = "Run_HeaderWithoutColon_ExitsTwo")]
    [TestCase("GET|none|/x|--query|novalue", TestName = "Run_QueryWithoutEquals_ExitsTwo")]
    [TestCase("G3T|none|/x", TestName = "Run_MethodNotAToken_ExitsTwo")]
    [TestCase("GET|none|/x|--no-such-option", TestName = "Run_UnknownOption_ExitsTwo")]
    public async Task Run_BadUsage_ExitsTwo(string argumentsSeparatedByBars)
    {
        var result = await _cli.RunAsync([.. argumentsSeparatedByBars.Split('|'), "--config", _config]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.StartWith("amplify-rest: "));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_ConfigFileMissing_ExitsTwo()
    {
        var result = await _cli.RunAsync("GET", "none", "/x", "--config", "nowhere.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("nowhere.json").And.Contain("does not exist"));
        });
    }

    [Test]
    public async Task Get_ServerNotListening_ExitsOneWithOneLineAndNoStackTrace()
    {
        var config = WriteNoneConfig(_cli.WorkingDirectory, "amplifyconfiguration.json", "http://127.0.0.1:1/dev");

        var result = await _cli.RunAsync("GET", "down", "/x", "--config", config);
        var debug = await _cli.RunAsync("GET", "down", "/x", "--config", config, "--debug");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Not.Contain("   at "));
            Assert.That(debug.ExitCode, Is.EqualTo(1));
            Assert.That(debug.Error, Does.Contain("   at "));
        });
    }

    [Test]
    public async Task Get_NoConfigOption_UsesAmplifyConfigurationJsonBeforeAmplifyOutputsJson()
    {
        File.Copy(_config, Path.Combine(_cli.WorkingDirectory, "amplifyconfiguration.json"));
        WriteGen2NoneConfig(_cli.WorkingDirectory, "http://127.0.0.1:1/dev");

        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.None, "/x");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
    }

    [Test]
    public async Task Get_OnlyAmplifyOutputsJson_UsesIt()
    {
        WriteGen2NoneConfig(_cli.WorkingDirectory, _backend.Apis["NONE"].ToString());

        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.None, "/x");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        using var echo = JsonDocument.Parse(result.Out);
        Assert.That(echo.RootElement.GetProperty("path").GetString(), Is.EqualTo("/x"));
    }

    [Test]
    public async Task Get_NoConfigAnywhere_ExitsTwoNamingBothDefaults()
    {
        var result = await _cli.RunAsync("GET", "none", "/x");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("amplifyconfiguration.json").And.Contain("amplify_outputs.json").And.Contain("--config"));
        });
    }

    [Test]
    public async Task Get_UserPoolsWithPasswordVariable_SignsInThenReusesTheOwnerOnlySession()
    {
        _cli.Environment["AMPLIFY_PASSWORD"] = Password;
        var first = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username, "-v");
        _cli.Environment.Remove("AMPLIFY_PASSWORD");
        var again = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username);
        var withoutUser = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.Iam, "/me", "--config", _config);

        var files = Directory.GetFiles(_cli.TokenFolder);
        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString);
            Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString);
            Assert.That(withoutUser.ExitCode, Is.EqualTo(0), withoutUser.ToString);
            Assert.That(first.Error, Does.Contain("> Authorization: [redacted]"));
            Assert.That(first.All + again.All + withoutUser.All, Does.Not.Contain(Password));
            Assert.That(first.Error, Does.Not.Contain("eyJ"), "no JWT in -v output");
            Assert.That(files, Has.Length.EqualTo(1));
        });
        using var echo = JsonDocument.Parse(withoutUser.Out);
        Assert.That(echo.RootElement.GetProperty("role").GetString(), Is.EqualTo("authenticated"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(files[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public async Task Get_UsernameWithoutPasswordAndStdinRedirected_ExitsTwoNamingTheVariable()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("AMPLIFY_PASSWORD"));
            Assert.That(Directory.Exists(_cli.TokenFolder), Is.False);
        });
    }

    [Test]
    public async Task Get_UsernameOnATerminal_PromptsOnceAndNeverPrintsThePassword()
    {
        var prompts = new List<string>();
        _cli.Prompt = text =>
        {
            prompts.Add(text);
            return Password;
        };

        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
            Assert.That(prompts, Is.EqualTo(new[] { $"Password for {Username}: " }));
            Assert.That(result.All, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task Get_WrongPassword_ExitsOneWithCognitosMessageAndNoPassword()
    {
        _cli.Environment["AMPLIFY_PASSWORD"] = "Wrong-Passw0rd!";

        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Error, Does.Contain("Incorrect username or password"));
            Assert.That(result.All, Does.Not.Contain("Wrong-Passw0rd!"));
        });
    }

    [Test]
    public async Task Get_UserPoolsNotSignedIn_ExitsOne()
    {
        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString);
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        });
    }

    [Test]
    public async Task Get_OidcAndLambdaAfterSignIn_SendTheUsersIdToken()
    {
        _cli.Environment["AMPLIFY_PASSWORD"] = Password;

        var oidc = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.Oidc, "/me", "--config", _config, "--username", Username);
        var lambda = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.Lambda, "/me", "--config", _config);

        Assert.That(oidc.ExitCode, Is.EqualTo(0), oidc.ToString);
        Assert.That(lambda.ExitCode, Is.EqualTo(0), lambda.ToString);
        using var echo = JsonDocument.Parse(oidc.Out);
        Assert.That(echo.RootElement.GetProperty("role").GetString(), Is.EqualTo("id"));
    }

    [Test]
    public async Task Get_LambdaWithTokenVariable_SendsItRedactedAndExitsTwentyTwoWhenRefused()
    {
        _cli.Environment["AMPLIFY_TOKEN"] = "not-a-valid-token-value";

        var result = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.Lambda, "/me", "--config", _config, "-v");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(22), result.ToString);
            Assert.That(_backend.Gateway.Requests[^1].ErrorType, Is.EqualTo("AccessDeniedException"));
            Assert.That(result.Error, Does.Contain("> Authorization: [redacted]"));
            Assert.That(result.All, Does.Not.Contain("not-a-valid-token-value"));
        });
    }

    [Test]
    public async Task SignOut_SignedIn_RemovesTheTokenFileAndEndsTheSession()
    {
        _cli.Environment["AMPLIFY_PASSWORD"] = Password;
        var signIn = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config, "--username", Username);
        _cli.Environment.Remove("AMPLIFY_PASSWORD");

        var signOut = await _cli.RunAsync("sign-out", "--config", _config);
        var after = await _cli.RunAsync("GET", LocalAmplifyEndpointNames.UserPools, "/me", "--config", _config);
        var again = await _cli.RunAsync("sign-out", "--config", _config);

        Assert.Multiple(() =>
        {
            Assert.That(signIn.ExitCode, Is.EqualTo(0), signIn.ToString);
            Assert.That(signOut.ExitCode, Is.EqualTo(0), signOut.ToString);
            Assert.That(signOut.Out, Does.StartWith("Signed out"));
            Assert.That(Directory.GetFiles(_cli.TokenFolder), Is.Empty);
            Assert.That(after.ExitCode, Is.EqualTo(1), after.ToString);
            Assert.That(again.Out, Does.StartWith("Not signed in"));
        });
    }

    private static string WriteNoneConfig(string folder, string fileName, string endpoint)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, """{"api":{"plugins":{"awsAPIPlugin":{"down":{"endpointType":"REST","endpoint":"ENDPOINT","region":"us-east-1","authorizationType":"NONE"}}}}}""".Replace("ENDPOINT", endpoint, StringComparison.Ordinal));
        return path;
    }

    private static void WriteGen2NoneConfig(string folder, string endpoint) =>
        File.WriteAllText(
            Path.Combine(folder, "amplify_outputs.json"),
            """{"version":"1.4","rest_api":{"none":{"url":"ENDPOINT","aws_region":"us-east-1","authorization_type":"NONE"}}}""".Replace("ENDPOINT", endpoint, StringComparison.Ordinal));

    [GeneratedRegex(@"SignedHeaders=([^,]+),")]
    private static partial Regex SignedHeadersPattern();
}
