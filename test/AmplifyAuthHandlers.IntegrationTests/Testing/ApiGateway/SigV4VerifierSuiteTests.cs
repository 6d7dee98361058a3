using System.Globalization;
using System.Text.Json;
using AmplifyAuthHandlers.Testing;
using AmplifyAuthHandlers.Testing.ApiGateway;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>The local gateway's SigV4 verifier accepts every signed request of AWS's suite, read in place.</summary>
[TestFixture]
public sealed class SigV4VerifierSuiteTests
{
    private static readonly Dictionary<string, string> Skipped = new(StringComparer.Ordinal)
    {
        ["get-relative-relative-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-relative-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-slash-dot-slash-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-slash-pointless-dot-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-slash-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-slashes-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
        ["get-space-unnormalized"] = "S3-style (normalize: false): execute-api always normalises the path",
    };

    public static IEnumerable<TestCaseData> Cases()
    {
        string[] names;
        try
        {
            names = Directory.GetDirectories(SigV4SuiteFiles.V4Directory).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
        }
        catch (AssertionException)
        {
            names = ["suite-missing"];
        }

        foreach (var name in names)
        {
            foreach (var form in new[] { "header", "query" })
            {
                var data = new TestCaseData(name, form).SetName($"Verify_{form}_{name}");
                if (Skipped.TryGetValue(name, out var reason))
                {
                    data.Ignore(reason);
                }
                else if (name == "post-sts-header-after" && form == "query")
                {
                    data.Ignore("omit_session_token: the presigned URL gets X-Amz-Security-Token after signing (an AWS IoT convention); "
                        + "the verifier canonicalises the whole query as received, so it counts the token as signed");
                }

                yield return data;
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Verify_SuiteSignedRequest_Accepted(string name, string form)
    {
        var folder = Path.Combine(SigV4SuiteFiles.V4Directory, name);
        Assert.That(Directory.Exists(folder), $"SigV4 suite case folder missing: {folder}");
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        var local = new LocalAwsCredentials(
            credentials.GetProperty("access_key_id").GetString()!,
            credentials.GetProperty("secret_access_key").GetString()!,
            credentials.TryGetProperty("token", out var token) ? token.GetString() : null,
            null,
            "suite",
            null);
        var now = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var request = SigV4SuiteFiles.Parse(File.ReadAllText(Path.Combine(folder, $"{form}-signed-request.txt")));

        var result = SigV4Verifier.Verify(request.Method, request.Target, request.HeaderValues, request.Body,
            id => id == local.AccessKeyId ? local : null, root.GetProperty("region").GetString()!, root.GetProperty("service").GetString()!, now);

        Assert.That(result.IsValid, Is.True, $"{result.ErrorType}: {result.Message}");
        Assert.That(result.Credentials, Is.SameAs(local));
    }

    [TestCaseSource(nameof(Cases))]
    public void Verify_SuiteRequestOneSecondAfterExpiry_Refused(string name, string form)
    {
        var folder = Path.Combine(SigV4SuiteFiles.V4Directory, name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        var local = new LocalAwsCredentials(credentials.GetProperty("access_key_id").GetString()!,
            credentials.GetProperty("secret_access_key").GetString()!,
            credentials.TryGetProperty("token", out var token) ? token.GetString() : null, null, "suite", null);
        var signedAt = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        var validFor = form == "header" ? TimeSpan.FromMinutes(5) : TimeSpan.FromSeconds(root.GetProperty("expiration_in_seconds").GetInt32());
        var request = SigV4SuiteFiles.Parse(File.ReadAllText(Path.Combine(folder, $"{form}-signed-request.txt")));

        var result = SigV4Verifier.Verify(request.Method, request.Target, request.HeaderValues, request.Body,
            id => id == local.AccessKeyId ? local : null, "us-east-1", "service", signedAt + validFor + TimeSpan.FromSeconds(1));

        Assert.That(result.Kind, Is.EqualTo(SigV4ErrorKind.Expired), result.Message);
        Assert.That(result.Message, Does.StartWith("Signature expired: "));
    }

    [TestCase("get-vanilla-query-order-key")]
    [TestCase("get-vanilla-query-order-value")]
    [TestCase("normalize-path/get-special-character")]
    public void Verify_BotocoreSupplementaryCase_Accepted(string path)
    {
        var folder = Path.Combine(SigV4SuiteFiles.SuiteDirectory, "supplementary-botocore", "tests", "unit", "auth", "aws4_testsuite", path);
        var name = Path.GetFileName(path);
        var request = SigV4SuiteFiles.Parse(File.ReadAllText(Path.Combine(folder, name + ".sreq")));
        var local = new LocalAwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null, "suite", null);

        var result = SigV4Verifier.Verify(request.Method, request.Target, request.HeaderValues, request.Body,
            id => id == local.AccessKeyId ? local : null, "us-east-1", "service", new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        Assert.That(result.IsValid, Is.True, $"{result.ErrorType}: {result.Message}");
    }
}
