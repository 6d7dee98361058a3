using System.Text.Json;

namespace AmplifyAuthHandlers.IntegrationTests.Samples;

/// <summary>The fields of LocalApiGateway's default JSON echo that the sample tests check.</summary>
internal sealed record EchoAnswer(string Path, string AuthorizationType, string? Principal, string? Role)
{
    public static EchoAnswer Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new EchoAnswer(
            root.GetProperty("path").GetString()!,
            root.GetProperty("authorizationType").GetString()!,
            root.GetProperty("principal").GetString(),
            root.GetProperty("role").GetString());
    }
}
