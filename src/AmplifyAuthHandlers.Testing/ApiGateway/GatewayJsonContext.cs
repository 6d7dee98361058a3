using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers.Testing.ApiGateway;

/// <summary>API Gateway's error body: <c>{"message": "..."}</c>.</summary>
/// <param name="Message">The message (<see langword="null"/> for an authorizer configuration error, as API Gateway sends).</param>
internal sealed record GatewayErrorBody(string? Message);

/// <summary>The default handler's answer.</summary>
internal sealed record GatewayEcho(string Method, string Path, string Query, string AuthorizationType, string? Principal, string? Role, int BodyLength);

/// <summary>Source-generated JSON for the gateway's bodies; quotes and line breaks as API Gateway writes them.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GatewayErrorBody))]
[JsonSerializable(typeof(GatewayEcho))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext
{
    /// <summary>Gets a context that leaves quotes and non-ASCII unescaped, as API Gateway's messages are.</summary>
    public static GatewayJsonContext Relaxed { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
