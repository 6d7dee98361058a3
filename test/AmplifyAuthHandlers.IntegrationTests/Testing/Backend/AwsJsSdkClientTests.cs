using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using AmplifyAuthHandlers.IntegrationTests.TestSupport;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Backend;

/// <summary>
/// A client in another language uses the backend as it would use AWS: <c>aws-js-client/client.mjs</c> runs AWS's JS SDK v3
/// (<c>@aws-sdk/client-cognito-identity</c> for GetId / GetCredentialsForIdentity, <c>@smithy/signature-v4</c> with
/// <c>@aws-crypto/sha256-js</c> to sign) against the backend described by <see cref="LocalAmplifyBackend.DescribeJson"/>,
/// the same line <c>amplify-rest emulator --json</c> prints. Installed with <c>npm ci</c> from the committed lock file on first use.
/// </summary>
[TestFixture]
public sealed class AwsJsSdkClientTests
{
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromSeconds(60);

    [Test]
    public async Task ClientScript_AwsSdkV3CredentialsAndSignature_GatewayAcceptsGuestAndUserAndRefusesATamperedKey()
    {
        var node = NodeTools.RequireNode("the AWS JS SDK test");
        var directory = PackageDirectory();
        if (!File.Exists(Path.Combine(directory, "node_modules", "@smithy", "signature-v4", "package.json"))
            || !File.Exists(Path.Combine(directory, "node_modules", "@aws-sdk", "client-cognito-identity", "package.json")))
        {
            await NodeTools.NpmCiAsync(directory, "the AWS JS SDK test");
        }

        await using var backend = await LocalAmplifyBackend.StartAsync();

        var (exitCode, stdout, stderr) = await RunAsync(node, directory, Path.Combine(directory, "client.mjs"), backend.DescribeJson());

        Assert.That(exitCode, Is.EqualTo(0), stderr);
        var results = JsonDocument.Parse(stdout).RootElement;
        var guestId = results.GetProperty("guestIdentityId").GetString();
        var userId = results.GetProperty("userIdentityId").GetString();
        var iamRequests = backend.Gateway.Requests.Where(r => r.AuthorizationType == "AWS_IAM").ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(results.GetProperty("guest").GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(results.GetProperty("guest").GetProperty("principal").GetString(), Is.EqualTo(guestId));
            Assert.That(results.GetProperty("guest").GetProperty("role").GetString(), Is.EqualTo("unauthenticated"));
            Assert.That(results.GetProperty("user").GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(results.GetProperty("user").GetProperty("principal").GetString(), Is.EqualTo(userId).And.Not.EqualTo(guestId));
            Assert.That(results.GetProperty("user").GetProperty("role").GetString(), Is.EqualTo("authenticated"));
            Assert.That(results.GetProperty("tampered").GetProperty("status").GetInt32(), Is.EqualTo(403));
            Assert.That(results.GetProperty("userPools").GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(results.GetProperty("userPools").GetProperty("principal").GetString(), Is.EqualTo(backend.Users[0].Sub));
            Assert.That(iamRequests.Select(r => (r.StatusCode, r.Role, r.ErrorType)), Is.EqualTo(new[]
            {
                (200, (string?)"unauthenticated", (string?)null),
                (200, "authenticated", null),
                (403, "unauthenticated", "InvalidSignatureException"),
            }));
            Assert.That(iamRequests[0].Query, Is.EqualTo("client=aws-sdk-v3"));
            Assert.That(backend.Cognito.Calls.Select(c => c.Operation), Is.SupersetOf(new[] { "GetId", "GetCredentialsForIdentity", "InitiateAuth" }));
            Assert.That(stdout, Does.Not.Contain(backend.Users[0].Password));
        });
    }

    private static string PackageDirectory() =>
        typeof(AwsJsSdkClientTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AwsJsClientDirectory").Value!;

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(ScriptLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"'{Path.GetFileName(executable)} {string.Join(' ', arguments.Take(1))}' did not finish within {ScriptLimit.TotalSeconds} s: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
