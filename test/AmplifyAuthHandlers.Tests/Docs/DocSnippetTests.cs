using System.Reflection;

namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/*.md compiles as shown, with its own <c>using</c> lines (issue 12).
/// Conventions (see <see cref="DocSnippetExtractor"/> and <see cref="DocSnippetCompiler"/>): a block is a fragment
/// that may use <c>builder</c>, <c>services</c> and <c>configuration</c>; <c>&lt;!-- snippet: program --&gt;</c>
/// before the fence makes it a whole file; <c>&lt;!-- snippet: no-compile --&gt;</c> skips it.
/// </summary>
[TestFixture]
public sealed class DocSnippetTests
{
    [TestCaseSource(nameof(DocumentationSnippets))]
    public void Snippet_InDocumentation_Compiles(object snippet)
    {
        var errors = DocSnippetCompiler.CompileErrors((DocSnippet)snippet);

        Assert.That(errors, Is.Empty, () => $"{snippet} does not compile:\n{string.Join('\n', errors)}");
    }

    [Test]
    public void DocumentationSnippets_InRepository_AreFound()
    {
        var snippets = DocumentationSnippets().Select(d => (DocSnippet)d.Arguments[0]!).ToList();

        Assert.That(snippets.Select(s => s.File), Does.Contain("README.md"));
        Assert.That(snippets, Has.Count.GreaterThanOrEqualTo(10));
    }

    [Test]
    public void CompileErrors_BrokenSnippet_ReportFileLineAndDiagnostic()
    {
        const string markdown = "# Title\n\nText.\n```csharp\nusing AmplifyAuthHandlers;\n\nvar x = 1;\nundefinedName.Call();\n```\n";
        var snippet = DocSnippetExtractor.Extract("docs/broken.md", markdown).Single();

        var errors = DocSnippetCompiler.CompileErrors(snippet);

        Assert.That(snippet.Line, Is.EqualTo(5));
        Assert.That(errors, Has.Some.StartsWith("docs/broken.md(8,1): error CS0103"));
    }

    [Test]
    public void CompileErrors_FragmentWithoutItsUsing_FailsOnTheExtensionMethod()
    {
        // The prelude does not import Microsoft.Extensions.DependencyInjection, so a block that forgets it fails here as it would in an app.
        var snippet = new DocSnippet("x.md", 1, DocSnippetKind.Fragment, "services.AddAmplifyRestApi(\"amplifyconfiguration.json\");");

        Assert.That(DocSnippetCompiler.CompileErrors(snippet), Has.Some.Contains("error CS1061"));
    }

    [Test]
    public void CompileErrors_FragmentWithUsingsAndTypeBeforeStatements_Compiles()
    {
        const string code = """
            using Microsoft.Extensions.DependencyInjection;

            public sealed class Marker;

            services.AddSingleton<Marker>();
            """;

        Assert.That(DocSnippetCompiler.CompileErrors(new DocSnippet("x.md", 1, DocSnippetKind.Fragment, code)), Is.Empty);
    }

    [Test]
    public void CompileErrors_ProgramUsingThePreludeName_FailsWithoutPrelude()
    {
        var snippet = new DocSnippet("x.md", 3, DocSnippetKind.Program, "services.Clear();");

        Assert.That(DocSnippetCompiler.CompileErrors(snippet), Has.Some.StartsWith("x.md(3,1): error CS0103"));
    }

    [Test]
    public void Extract_Markers_SkipNoCompileAndKeepProgram()
    {
        const string markdown = """
            <!-- snippet: no-compile -->
            ```csharp
            Task<X> Pseudo(...);
            ```
            <!-- snippet: program -->

            ```csharp
            Console.WriteLine();
            ```
            ```json
            {}
            ```
            ```cs
            var y = 2;
            ```
            """;

        var snippets = DocSnippetExtractor.Extract("m.md", markdown);

        Assert.That(snippets.Select(s => (s.Line, s.Kind)), Is.EqualTo(new[] { (8, DocSnippetKind.Program), (14, DocSnippetKind.Fragment) }));
    }

    [Test]
    public void Extract_UnknownMarker_Throws()
    {
        Assert.That(() => DocSnippetExtractor.Extract("m.md", "<!-- snippet: nocompile -->\n```csharp\nx\n```\n"), Throws.TypeOf<FormatException>());
    }

    private static IEnumerable<TestCaseData> DocumentationSnippets()
    {
        var root = RepositoryRoot();
        var files = new[] { Path.Combine(root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (var snippet in DocSnippetExtractor.Extract(relative, File.ReadAllText(file)))
            {
                yield return new TestCaseData(snippet).SetArgDisplayNames(snippet.ToString());
            }
        }
    }

    internal static string RepositoryRoot()
    {
        var fromBuild = typeof(DocSnippetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (!string.IsNullOrEmpty(fromBuild) && File.Exists(Path.Combine(fromBuild, "README.md")))
        {
            return fromBuild;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AmplifyAuthHandlers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (with README.md and docs/) was not found.");
    }
}
