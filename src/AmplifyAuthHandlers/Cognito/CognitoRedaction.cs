using System.Text;

namespace AmplifyAuthHandlers;

/// <summary>Formats secrets for <c>ToString()</c> overrides: a secret prints as <c>***</c>, a map prints its keys only.</summary>
internal static class CognitoRedaction
{
    /// <summary>The text printed in place of a secret.</summary>
    public const string Redacted = "***";

    /// <summary>The text printed for an absent value.</summary>
    public const string None = "(none)";

    /// <summary>Returns <c>***</c> for a value and <c>(none)</c> for <see langword="null"/>.</summary>
    /// <param name="secret">The secret to hide.</param>
    /// <returns>The redacted text.</returns>
    public static string Secret(string? secret) => secret is null ? None : Redacted;

    /// <summary>Prints a map's keys with every value redacted, for example <c>{ USERNAME = ***, PASSWORD = *** }</c>.</summary>
    /// <param name="map">The map, or <see langword="null"/>.</param>
    /// <returns>The redacted text; <c>(none)</c> for <see langword="null"/>.</returns>
    public static string Keys(IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return None;
        }

        if (map.Count == 0)
        {
            return "{ }";
        }

        var builder = new StringBuilder("{ ");
        var first = true;
        foreach (var key in map.Keys.Order(StringComparer.Ordinal))
        {
            if (!first)
            {
                builder.Append(", ");
            }

            builder.Append(key).Append(" = ").Append(Redacted);
            first = false;
        }

        return builder.Append(" }").ToString();
    }
}
