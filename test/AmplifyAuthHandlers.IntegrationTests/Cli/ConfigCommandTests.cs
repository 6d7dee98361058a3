using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary><c>amplify-rest config check [FILE]</c>: a valid file's endpoints and credential sources, an invalid file's problems.</summary>
[TestFixture]
public sealed class ConfigCommandTests
{
    private const string ApiKey = "config-check-api-key-0123456789";

    private CliHarness _cli = null!;

    [SetUp]
    public void SetUp() => _cli = new CliHarness();

    [TearDown]
    public void TearDown() => _cli.Dispose();

    [Test]
    public async Task Check_ValidFile_ListsEveryEndpointWithItsModeAndCredentialSourceWithoutTheKey()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync(new LocalAmplifyBackendOptions { ApiKey = ApiKey });
        var path = backend.WriteAmplifyConfiguration(Path.Combine(_cli.WorkingDirectory, "amplifyconfiguration.json"));

        var result = await _cli.RunAsync("config", "check");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var lines = result.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo($"{path}: valid, 6 REST endpoints"));
            Assert.That(result.Out, Does.Contain($"user pool:     {backend.Cognito.UserPoolId}"));
            Assert.That(result.Out, Does.Contain($"identity pool: {backend.Cognito.IdentityPoolId}"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.None), Does.Match(@"^none\s+NONE\s+http://127\.0\.0\.1:\d+/none/dev/?\s+none$"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.ApiKey), Does.Contain("API_KEY").And.EndsWith("API key (present, not shown)"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.Iam), Does.Contain("AWS_IAM").And.Contain($"identity pool {backend.Cognito.IdentityPoolId}: guest (unauthenticated role)"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.UserPools), Does.Contain("AMAZON_COGNITO_USER_POOLS").And.Contain("token of the signed-in user"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.Oidc), Does.Contain("OPENID_CONNECT").And.Contain("token provider needed"));
            Assert.That(Row(lines, LocalAmplifyEndpointNames.Lambda), Does.Contain("AWS_LAMBDA").And.Contain("token provider needed"));
            Assert.That(result.All, Does.Not.Contain(ApiKey));
        });
    }

    [Test]
    public async Task Check_IamWithoutPoolsOrKeys_NamesTheAwsSdkChain()
    {
        var path = Path.Combine(_cli.WorkingDirectory, "settings.json");
        await File.WriteAllTextAsync(path, """
            {"api":{"plugins":{"awsAPIPlugin":{"orders":{"endpointType":"REST","endpoint":"https://abc.execute-api.eu-west-1.amazonaws.com/prod","region":"eu-west-1","authorizationType":"AWS_IAM"}}}}}
            """);

        var result = await _cli.RunAsync("config", "check", path);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
            Assert.That(result.Out, Does.Contain("AWS SDK credential chain"));
        });
    }

    [Test]
    public async Task Check_InvalidFile_ExitsTwoWithEveryProblemAndItsPath()
    {
        var path = Path.Combine(_cli.WorkingDirectory, "broken.json");
        await File.WriteAllTextAsync(path, """
            {"api":{"plugins":{"awsAPIPlugin":{
              "a":{"endpointType":"REST","region":"us-east-1","authorizationType":"NONE"},
              "b":{"endpointType":"REST","endpoint":"not a uri","authorizationType":"NONE"}}}}}
            """);

        var result = await _cli.RunAsync("config", "check", path);

        var problems = result.Error.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(problems[0], Does.StartWith($"amplify-rest: {path} is invalid (2 problems):"));
            Assert.That(problems[1..], Has.Length.EqualTo(2));
            Assert.That(problems[1..], Has.Some.Contains("'endpoint' is missing at"));
            Assert.That(problems[1..], Has.Some.Contains("'not a uri'").And.Some.Contains("is not an absolute URI"));
            Assert.That(result.Out, Is.Empty);
        });
    }

    [Test]
    public async Task Check_FileMissing_ExitsTwo()
    {
        var result = await _cli.RunAsync("config", "check", "absent.json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString);
            Assert.That(result.Error, Does.Contain("absent.json"));
        });
    }

    private static string Row(string[] lines, string api) =>
        lines.Single(line => line.StartsWith(api + " ", StringComparison.Ordinal));
}
