using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers.Cli;

/// <summary>Where a session is kept: <c>~/.amplify-rest/&lt;user pool&gt;-&lt;hash of the configuration path&gt;.json</c>, owner-only.</summary>
internal static class TokenFiles
{
    public const string FolderName = ".amplify-rest";

    public static string PathFor(CliConsole console, string configPath, string userPoolId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(configPath + "\n" + userPoolId));
        var safePool = new string([.. userPoolId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return Path.Combine(console.HomeDirectory, FolderName, $"{safePool}-{Convert.ToHexStringLower(hash)[..12]}.json");
    }
}
