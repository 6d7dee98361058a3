using System.Text.Json;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>
/// The botocore models of Cognito Identity and Cognito Identity Provider, read in place from ../shared/aws-models
/// (beside the repository root). Tests that need them are ignored, saying so, when the folder is absent.
/// </summary>
internal static class CognitoServiceModels
{
    private static readonly Lazy<JsonElement?> IdentityModel = new(() => Load("cognito-identity/2014-06-30/service-2.json"));
    private static readonly Lazy<JsonElement?> ProviderModel = new(() => Load("cognito-idp/2016-04-18/service-2.json"));

    public static JsonElement Identity => IdentityModel.Value ?? Missing();

    public static JsonElement Provider => ProviderModel.Value ?? Missing();

    /// <summary>The member names of an operation's output shape.</summary>
    public static HashSet<string> OutputMembers(JsonElement model, string operation) =>
        Members(model, model.GetProperty("operations").GetProperty(operation).GetProperty("output").GetProperty("shape").GetString()!);

    public static HashSet<string> Members(JsonElement model, string shape) =>
        [.. model.GetProperty("shapes").GetProperty(shape).GetProperty("members").EnumerateObject().Select(m => m.Name)];

    /// <summary>The member that holds a structure inside another (e.g. AuthenticationResult's shape).</summary>
    public static string MemberShape(JsonElement model, string shape, string member) =>
        model.GetProperty("shapes").GetProperty(shape).GetProperty("members").GetProperty(member).GetProperty("shape").GetString()!;

    public static string OutputShape(JsonElement model, string operation) =>
        model.GetProperty("operations").GetProperty(operation).GetProperty("output").GetProperty("shape").GetString()!;

    /// <summary>The error shape names an operation declares.</summary>
    public static HashSet<string> Errors(JsonElement model, string operation) =>
        [.. model.GetProperty("operations").GetProperty(operation).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("shape").GetString()!)];

    public static string TargetPrefix(JsonElement model) => model.GetProperty("metadata").GetProperty("targetPrefix").GetString()!;

    private static JsonElement? Load(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AmplifyAuthHandlers.sln")))
            {
                var path = Path.Combine(dir.FullName, "..", "shared", "aws-models", "botocore", "data", relative);
                return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone() : null;
            }
        }

        return null;
    }

    // Fails loudly, like the SigV4 vectors: an Ignore would hide the wire-shape checks (and NUnit refuses Ignore inside
    // Assert.Multiple, where these models are read).
    private static JsonElement Missing() =>
        throw new InvalidOperationException(
            "The botocore Cognito models were not found: they are read in place from ../shared/aws-models/ beside the " +
            "repository root (CI has shared/ there). Put the shared/ folder beside the clone to run the wire-shape checks.");
}
