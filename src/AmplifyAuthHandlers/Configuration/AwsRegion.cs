using System.Text.RegularExpressions;

namespace AmplifyAuthHandlers;

/// <summary>Recognises AWS region names.</summary>
internal static partial class AwsRegion
{
    /// <summary>True for names shaped like <c>us-west-2</c>, <c>us-gov-west-1</c>, <c>cn-north-1</c>.</summary>
    public static bool IsValid(string? region) => region is not null && RegionPattern().IsMatch(region);

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

}
