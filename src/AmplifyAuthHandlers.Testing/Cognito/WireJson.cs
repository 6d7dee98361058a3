using System.Text.Json;

namespace AmplifyAuthHandlers.Testing;

/// <summary>Reads request members of the JSON 1.1 shapes; a member of the wrong type is an <c>InvalidParameterException</c>, as Cognito's validation says.</summary>
internal static class WireJson
{
    public static string? OptionalString(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw CognitoErrorException.InvalidParameter($"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must be a string");
    }

    public static string RequiredString(JsonElement obj, string name) =>
        OptionalString(obj, name) is { Length: > 0 } value
            ? value
            : throw CognitoErrorException.InvalidParameter($"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    public static Dictionary<string, string> Map(JsonElement obj, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw CognitoErrorException.InvalidParameter($"1 validation error detected: Value at '{Camel(name)}' failed to satisfy constraint: Member must be a map");
        }

        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw CognitoErrorException.InvalidParameter($"1 validation error detected: Value at '{Camel(name)}.{property.Name}' failed to satisfy constraint: Member must be a string");
        }

        return map;
    }

    public static void WriteMap(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
