namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>
/// Finds the C# blocks of a Markdown file: fences whose info string is <c>csharp</c>, <c>cs</c> or <c>c#</c>.
/// The line just before a fence (blank lines between are allowed) may hold a marker:
/// <c>&lt;!-- snippet: no-compile --&gt;</c> skips the block (pseudo-signatures, deliberately partial code);
/// <c>&lt;!-- snippet: program --&gt;</c> compiles it as a whole file without the prelude.
/// </summary>
internal static class DocSnippetExtractor
{
    public const string NoCompileMarker = "<!-- snippet: no-compile -->";
    public const string ProgramMarker = "<!-- snippet: program -->";

    private static readonly string[] CSharpInfoStrings = ["csharp", "cs", "c#"];

    public static IReadOnlyList<DocSnippet> Extract(string file, string markdown)
    {
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var snippets = new List<DocSnippet>();
        string? marker = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("```", StringComparison.Ordinal) && !trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                if (trimmed.Length > 0)
                {
                    marker = trimmed.StartsWith("<!-- snippet:", StringComparison.Ordinal) ? trimmed : null;
                }

                continue;
            }

            var fence = trimmed[..3];
            var info = trimmed[3..].Trim().Split(' ', 2)[0];
            var start = i + 1;
            var end = start;
            while (end < lines.Length && !lines[end].Trim().StartsWith(fence, StringComparison.Ordinal))
            {
                end++;
            }

            if (CSharpInfoStrings.Contains(info, StringComparer.OrdinalIgnoreCase))
            {
                if (marker is not null && marker != NoCompileMarker && marker != ProgramMarker)
                {
                    throw new FormatException($"{file}:{i}: unknown snippet marker '{marker}'; expected '{NoCompileMarker}' or '{ProgramMarker}'.");
                }

                if (marker != NoCompileMarker)
                {
                    var code = string.Join('\n', lines[start..Math.Min(end, lines.Length)]);
                    snippets.Add(new DocSnippet(file, start + 1, marker == ProgramMarker ? DocSnippetKind.Program : DocSnippetKind.Fragment, code));
                }
            }

            marker = null;
            i = end;
        }

        return snippets;
    }
}
