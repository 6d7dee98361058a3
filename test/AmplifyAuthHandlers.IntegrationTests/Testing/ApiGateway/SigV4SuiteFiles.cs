using System.Text;
using Microsoft.Extensions.Primitives;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.ApiGateway;

/// <summary>Reads AWS's SigV4 test suite in place from <c>&lt;root&gt;/../shared/sigv4-test-suite</c>.</summary>
internal static class SigV4SuiteFiles
{
    public static string SuiteDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "sigv4-test-suite");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            Assert.Fail($"The SigV4 test suite was not found: no 'shared/sigv4-test-suite' beside any folder above {AppContext.BaseDirectory}. "
                + "It is reference data kept outside the repository (see docs); put the shared folder beside the clone.");
            return null!;
        }
    }

    public static string V4Directory => Path.Combine(SuiteDirectory, "tests", "aws-signing-test-suite", "v4");

    /// <summary>Parses a raw HTTP request as the suite writes it: repeated lines stay separate values; folded lines join with a space.</summary>
    public static ParsedRequest Parse(string text)
    {
        var headerEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? text : text[..headerEnd];
        var body = headerEnd < 0 ? string.Empty : text[(headerEnd + 2)..];
        var lines = head.Split('\n');
        var requestLine = lines[0];
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var headers = new List<(string Name, string Value)>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                var last = headers[^1];
                headers[^1] = (last.Name, last.Value + " " + line.Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add((line[..colon], line[(colon + 1)..].Trim()));
        }

        return new ParsedRequest(method, target, headers, Encoding.UTF8.GetBytes(body));
    }
}

internal sealed record ParsedRequest(string Method, string Target, List<(string Name, string Value)> Headers, byte[] Body)
{
    /// <summary>The headers as Kestrel presents them: looked up case-insensitively, repeated lines as separate values.</summary>
    public IDictionary<string, StringValues> HeaderValues =>
        Headers.GroupBy(h => h.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new StringValues(g.Select(h => h.Value).ToArray()), StringComparer.OrdinalIgnoreCase);
}
