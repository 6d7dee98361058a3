namespace AmplifyAuthHandlers.Signing;

/// <summary>Recognises API Gateway hosts (<c>{api-id}.execute-api.{region}.amazonaws.com</c> and their China and VPC-endpoint forms).</summary>
internal static class ExecuteApiHost
{
    /// <summary>
    /// Gets the region from an <c>execute-api</c> host such as <c>abc123.execute-api.eu-west-1.amazonaws.com</c>,
    /// <c>…execute-api.cn-north-1.amazonaws.com.cn</c> or <c>…execute-api.us-east-1.vpce.amazonaws.com</c>.
    /// </summary>
    /// <returns><see langword="true"/> when the host is an API Gateway host; otherwise <see langword="false"/> and an empty region.</returns>
    public static bool TryParseExecuteApiRegion(Uri uri, out string region)
    {
        ArgumentNullException.ThrowIfNull(uri);
        region = string.Empty;
        if (!uri.IsAbsoluteUri)
        {
            return false;
        }

        string[] labels = uri.IdnHost.TrimEnd('.').ToLowerInvariant().Split('.');
        int index = Array.IndexOf(labels, "execute-api");
        if (index < 1 || labels[0].Length == 0 || index + 1 >= labels.Length)
        {
            return false;
        }

        string candidate = labels[index + 1];
        ReadOnlySpan<string> rest = labels.AsSpan(index + 2);
        bool knownSuffix = rest is ["amazonaws", "com"] or ["amazonaws", "com", "cn"] or ["vpce", "amazonaws", "com"];
        if (!knownSuffix || !IsRegionName(candidate))
        {
            return false;
        }

        region = candidate;
        return true;
    }

    private static bool IsRegionName(string value)
    {
        if (value.Length is < 4 or > 32 || value[0] == '-' || value[^1] == '-' || !value.Contains('-', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
