using System.Text.RegularExpressions;

namespace AmplifyAuthHandlers.Configuration;

/// <summary>Recognises AWS region names and reads them from API Gateway hosts.</summary>
internal static partial class AwsRegion
{
    /// <summary>True for names shaped like <c>us-west-2</c>, <c>us-gov-west-1</c>, <c>cn-north-1</c>.</summary>
    public static bool IsValid(string? region) => region is not null && RegionPattern().IsMatch(region);

    /// <summary>Reads the region from <c>&lt;id&gt;.execute-api.&lt;region&gt;.amazonaws.com</c> (or <c>.amazonaws.com.cn</c>).</summary>
    public static bool TryParseExecuteApiHost(string host, out string region)
    {
        var match = ExecuteApiHostPattern().Match(host);
        region = match.Success ? match.Groups["region"].Value : string.Empty;
        return match.Success;
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[a-z0-9]+\.execute-api\.(?<region>[a-z]{2}(-[a-z]+)+-[0-9]+)\.amazonaws\.com(\.cn)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ExecuteApiHostPattern();
}
