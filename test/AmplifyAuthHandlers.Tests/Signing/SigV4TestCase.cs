using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

/// <summary>One case of the SigV4 test suite, parsed from its files (raw request line, headers, body, context).</summary>
internal sealed class SigV4TestCase
{
    private static readonly Lazy<string> Suite = new(LocateSuite);

    /// <summary>
    /// The AWS SigV4 vectors, read in place from <c>../shared/sigv4-test-suite/</c> beside the repository (fetched from
    /// elsewhere, so never copied in). Throws, naming where it looked, when they are absent.
    /// </summary>
    public static string SuiteRoot => Suite.Value;

    private static string V4Root => Path.Combine(SuiteRoot, "tests", "aws-signing-test-suite", "v4");

    private static string BotocoreRoot => Path.Combine(SuiteRoot, "supplementary-botocore", "tests", "unit", "auth", "aws4_testsuite");

    private SigV4TestCase(string name, string directory)
    {
        Name = name;
        Directory = directory;
    }

    public string Name { get; }

    public string Directory { get; }

    public bool IsBotocore { get; private init; }

    public string Method { get; private set; } = "";

    /// <summary>The path exactly as in the request line (raw: may hold a space or UTF-8).</summary>
    public string RawPath { get; private set; } = "";

    public string RawQuery { get; private set; } = "";

    public List<SignableHeader> Headers { get; } = [];

    public byte[] Body { get; private set; } = [];

    public AwsCredentials Credentials { get; private set; } = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    public string Region { get; private set; } = "us-east-1";

    public string Service { get; private set; } = "service";

    public DateTimeOffset Timestamp { get; private set; } = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    public bool Normalize { get; private set; } = true;

    public bool SignBody { get; private set; }

    public long ExpiresSeconds { get; private set; } = 3600;

    public static IEnumerable<string> V4Names() =>
        System.IO.Directory.GetDirectories(V4Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IEnumerable<string> BotocoreNames() =>
        ["get-vanilla-query-order-key", "get-vanilla-query-order-value", "normalize-path/get-special-character"];

    public static SigV4TestCase LoadV4(string name)
    {
        string directory = Path.Combine(V4Root, name);
        var testCase = new SigV4TestCase(name, directory);
        testCase.ParseRequest(File.ReadAllBytes(Path.Combine(directory, "request.txt")));
        using JsonDocument context = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "context.json")));
        JsonElement root = context.RootElement;
        JsonElement credentials = root.GetProperty("credentials");
        bool omitToken = root.TryGetProperty("omit_session_token", out JsonElement omit) && omit.GetBoolean();
        string? token = credentials.TryGetProperty("token", out JsonElement t) && !omitToken ? t.GetString() : null;
        testCase.Credentials = new AwsCredentials(
            credentials.GetProperty("access_key_id").GetString()!, credentials.GetProperty("secret_access_key").GetString()!, token);
        testCase.Region = root.GetProperty("region").GetString()!;
        testCase.Service = root.GetProperty("service").GetString()!;
        testCase.Timestamp = DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
        testCase.Normalize = root.GetProperty("normalize").GetBoolean();
        testCase.SignBody = root.GetProperty("sign_body").GetBoolean();
        testCase.ExpiresSeconds = root.GetProperty("expiration_in_seconds").GetInt64();
        return testCase;
    }

    public static SigV4TestCase LoadBotocore(string name)
    {
        string directory = Path.Combine(BotocoreRoot, name);
        var testCase = new SigV4TestCase(name, directory) { IsBotocore = true };
        string leaf = Path.GetFileName(name);
        testCase.ParseRequest(File.ReadAllBytes(Path.Combine(directory, leaf + ".req")));

        // The old suite's requests already carry the X-Amz-Date the signer adds.
        testCase.Headers.RemoveAll(h => h.Name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase));
        return testCase;
    }

    public string ReadExpected(string file) =>
        File.ReadAllText(Path.Combine(Directory, IsBotocore ? Path.GetFileName(Name) + file : file), Encoding.UTF8);

    public AwsSigV4Signer CreateSigner() =>
        new(TimeProvider.System, new AwsSigV4SignerOptions { NormalizePath = Normalize, DoubleEncodePath = true, AddContentSha256Header = SignBody });

    public override string ToString() => Name;

    private void ParseRequest(byte[] bytes)
    {
        // Headers are ASCII/UTF-8 text; the body is everything after the first blank line, byte-exact.
        int split = IndexOf(bytes, "\n\n"u8);
        string head = Encoding.UTF8.GetString(split < 0 ? bytes : bytes.AsSpan(0, split));
        Body = split < 0 ? [] : bytes.AsSpan(split + 2).ToArray();
        string[] lines = head.Split('\n');
        string requestLine = lines[0];
        int firstSpace = requestLine.IndexOf(' ', StringComparison.Ordinal);
        int lastSpace = requestLine.LastIndexOf(' ');
        Method = requestLine[..firstSpace];
        string target = requestLine[(firstSpace + 1)..lastSpace];
        int question = target.IndexOf('?', StringComparison.Ordinal);
        RawPath = question < 0 ? target : target[..question];
        RawQuery = question < 0 ? "" : target[(question + 1)..];
        foreach (string line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] is ' ' or '\t')
            {
                // A continuation line (obsolete folding) belongs to the previous header's value.
                SignableHeader previous = Headers[^1];
                Headers[^1] = previous with { Value = previous.Value + line };
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            Headers.Add(new SignableHeader(line[..colon], line[(colon + 1)..]));
        }
    }

    /// <summary>
    /// The repository root comes from the build (assembly metadata <c>RepositoryRoot</c>), else from walking up from the
    /// test assembly to the directory holding AmplifyAuthHandlers.sln; the suite is <c>../shared/sigv4-test-suite</c> from there.
    /// </summary>
    private static string LocateSuite()
    {
        var roots = new List<string>();
        string? fromBuild = typeof(SigV4TestCase).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild))
        {
            roots.Add(Path.GetFullPath(fromBuild));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AmplifyAuthHandlers.sln")))
            {
                roots.Add(directory.FullName);
                break;
            }
        }

        var looked = roots.Distinct(StringComparer.Ordinal).Select(root => Path.GetFullPath(Path.Combine(root, "..", "shared", "sigv4-test-suite"))).Distinct(StringComparer.Ordinal).ToList();
        foreach (string candidate in looked)
        {
            if (System.IO.Directory.Exists(Path.Combine(candidate, "tests", "aws-signing-test-suite", "v4")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The AWS SigV4 test vectors were not found. They are read in place from ../shared/sigv4-test-suite/ beside the repository " +
            "root (the aws-c-auth v4 suite in tests/aws-signing-test-suite/v4 and the botocore cases in supplementary-botocore/), " +
            "as CI provides shared/ next to the clone. Looked in: " +
            (looked.Count == 0 ? "(no repository root found from " + AppContext.BaseDirectory + ")" : string.Join(", ", looked)) + ".");
    }

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> value) => bytes.AsSpan().IndexOf(value);
}
