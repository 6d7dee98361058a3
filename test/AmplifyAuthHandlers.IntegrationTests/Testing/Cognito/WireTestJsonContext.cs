using System.Text.Json.Serialization;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Cognito;

/// <summary>The request bodies the wire tests post: plain dictionaries of the JSON 1.1 shapes.</summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
internal sealed partial class WireTestJsonContext : JsonSerializerContext;
