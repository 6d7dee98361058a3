using System.Text.RegularExpressions;

namespace AmplifyAuthHandlers.IntegrationTests.Cli;

/// <summary><c>amplify-rest demo</c> run in-process: its table shows every mode authorized and the tampered request refused.</summary>
[TestFixture]
public sealed partial class DemoCommandTests
{
    [Test]
    public async Task Demo_Run_AuthorizesEveryModeAndRefusesTheTamperedRequest()
    {
        using var cli = new CliHarness();

        var result = await cli.RunAsync("demo");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString);
        var lines = result.Out.ReplaceLineEndings("\n").Split('\n');
        Assert.Multiple(() =>
        {
            AssertRow(lines, "NONE", "none", Regex.Escape("(no authorization)"));
            AssertRow(lines, "API_KEY", "apiKey", Regex.Escape("x-api-key matched the API's key"));
            AssertRow(lines, "AWS_IAM (guest)", "iam", @"us-east-1:[0-9a-f-]{36} / unauthenticated");
            AssertRow(lines, "AWS_IAM (signed in)", "iam", @"us-east-1:[0-9a-f-]{36} / authenticated");
            AssertRow(lines, "AMAZON_COGNITO_USER_POOLS", "userPools", @"[0-9a-f-]{36} / access");
            AssertRow(lines, "OPENID_CONNECT", "oidc", @"[0-9a-f-]{36} / id");
            AssertRow(lines, "AWS_LAMBDA", "lambda", @"[0-9a-f-]{36} / -");
            Assert.That(lines, Has.Some.Match(@"^  sign-in  demo: signed in \(USER_SRP_AUTH\) in \d+ ms$"));
            Assert.That(lines, Has.Some.Match(@"^  gateway  403 InvalidSignatureException: The request signature we calculated does not match"));
            Assert.That(lines, Has.Some.Match(@"^  library  AmplifyHttpStatusException: POST /aws-iam/dev/transfer on endpoint 'iam' returned 403 Forbidden \(InvalidSignatureException\)"));
            Assert.That(result.Out, Does.Not.Contain("\u001b["), "no colour when stdout is not a terminal");
            Assert.That(result.Error, Is.Empty);
            Assert.That(Directory.Exists(cli.TokenFolder), Is.False, "the demo keeps its session in its own temporary folder");
        });
    }

    private static void AssertRow(string[] lines, string mode, string api, string verifiedPattern)
    {
        var row = lines.SingleOrDefault(line => RowPattern().Match(line) is { Success: true } m && m.Groups["mode"].Value == mode);
        Assert.That(row, Is.Not.Null, $"no table row for {mode}");
        var match = RowPattern().Match(row!);
        Assert.That(match.Groups["api"].Value, Is.EqualTo(api), mode);
        Assert.That(match.Groups["status"].Value, Does.Match("^2[0-9][0-9]$"), mode);
        Assert.That(match.Groups["verified"].Value.TrimEnd(), Does.Match("^" + verifiedPattern + "$"), mode);
    }

    [GeneratedRegex(@"^(?<mode>[A-Z_]+(?: \([a-z ]+\))?)\s{2,}(?<api>\S+)\s+(?<status>\d{3})\s+(?<verified>.+?)\s+(?<ms>\d+)$")]
    private static partial Regex RowPattern();
}
