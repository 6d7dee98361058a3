namespace AmplifyAuthHandlers;

/// <summary>
/// Compares the keys a user wrote in one section with the keys read there, so nothing the user wrote is silently
/// ignored: a key that differs from a read key only in case is an error (it would be ignored, and the user
/// evidently meant the read key); an unknown key whose name says it is an address is an error where secrets
/// travel (sign-in or signing traffic would go to another host than the user meant); any other unknown key is a
/// warning logged at start-up.
/// </summary>
internal static class ConfigurationKeyCheck
{
    private static readonly string[] AddressWords = ["endpoint", "url", "uri", "host"];

    /// <param name="keys">The keys found in the section.</param>
    /// <param name="set">What the section may hold.</param>
    /// <param name="caseSensitive">False for <c>IConfiguration</c>, whose keys match whatever their case.</param>
    /// <param name="warnUnknown">False where the section is shared with other Amplify categories.</param>
    /// <param name="locate">Describes where a key is (its JSON path or configuration key).</param>
    /// <param name="problems">Errors reported at start-up.</param>
    /// <param name="notices">Warnings logged at start-up.</param>
    /// <param name="source">Names the file in warnings, which are read without the file's name around them.</param>
    public static void Check(IEnumerable<string> keys, ConfigurationKeySet set, bool caseSensitive, bool warnUnknown,
        Func<string, string> locate, List<string> problems, AmplifyConfigurationNotices notices, string? source = null)
    {
        foreach (var key in keys)
        {
            var comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            if (set.Read.Any(k => k.Equals(key, comparison)) || set.AmplifyKeysNotRead.Any(k => k.Equals(key, comparison)))
            {
                continue;
            }

            if (set.Read.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) is { } known)
            {
                var consequence = known == set.AddressKey
                    ? ", and what it should redirect (passwords, tokens, keys or signed requests) would go to the default address instead"
                    : "";
                problems.Add($"'{key}' at {locate(key)} differs from the key '{known}' only in case. Keys are case-sensitive here, so it would be ignored{consequence}; rename it to '{known}'.");
                continue;
            }

            if (!warnUnknown)
            {
                continue;
            }

            if (set.AddressHint is { } hint && AddressWords.Any(word => key.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"'{key}' at {locate(key)} is not a key AmplifyAuthHandlers reads, and its name says it is an address: the passwords, tokens or keys meant for it would go elsewhere. {hint} Rename or remove it.");
                continue;
            }

            notices.UnknownKeys.Add((source is null ? locate(key) : $"{locate(key)} in {source}", set.ReadKeysText));
        }
    }
}
