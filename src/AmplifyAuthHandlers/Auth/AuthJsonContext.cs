using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredTokens))]
internal sealed partial class AuthJsonContext : JsonSerializerContext;
