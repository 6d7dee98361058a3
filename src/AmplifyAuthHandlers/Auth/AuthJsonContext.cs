using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers.Auth;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredTokens))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
