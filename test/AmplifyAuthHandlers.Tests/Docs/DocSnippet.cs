namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>How a C# block of the documentation is compiled.</summary>
internal enum DocSnippetKind
{
    /// <summary>The default: statements and types, wrapped in <see cref="DocSnippetCompiler.Prelude"/>.</summary>
    Fragment,

    /// <summary>Marked <c>&lt;!-- snippet: program --&gt;</c>: a whole file (its own usings, top-level statements, types), no prelude.</summary>
    Program,
}

/// <summary>One fenced C# block of a Markdown file.</summary>
/// <param name="File">The Markdown file, relative to the repository root (e.g. <c>docs/auth-modes.md</c>).</param>
/// <param name="Line">The 1-based line of the block's first code line (the line after the opening fence).</param>
/// <param name="Kind">How it is compiled.</param>
/// <param name="Code">The block's text, without the fences.</param>
internal sealed record DocSnippet(string File, int Line, DocSnippetKind Kind, string Code)
{
    public override string ToString() => $"{File}:{Line}";
}
