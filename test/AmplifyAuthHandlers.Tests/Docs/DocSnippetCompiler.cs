using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AmplifyAuthHandlers.Tests.Docs;

/// <summary>
/// Compiles a <see cref="DocSnippet"/> with Roslyn against the framework (the test host's trusted platform assemblies,
/// which include ASP.NET Core) and the assemblies this test project references (the library, AspNetCore, AwsSdk, Testing,
/// Microsoft.Extensions.*, Microsoft.Extensions.Http.Resilience, Refit). Returns the errors, each mapped to the Markdown file and line with <c>#line</c>.
/// </summary>
/// <remarks>
/// A <see cref="DocSnippetKind.Fragment"/> is compiled as a console program: the block's <c>using</c> lines first,
/// then <see cref="Prelude"/>, then the block's statements in order, then its type declarations (so a block may
/// declare a class before the statements that use it). Only the implicit usings of a plain <c>Microsoft.NET.Sdk</c>
/// console app are global; every other namespace must be imported by the block itself, as a reader would have to.
/// </remarks>
internal static class DocSnippetCompiler
{
    /// <summary>What a fragment can use without declaring it: <c>args</c>, <c>builder</c>, <c>services</c>, <c>configuration</c>.</summary>
    public const string Prelude = """
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
        Microsoft.Extensions.DependencyInjection.IServiceCollection services = builder.Services;
        Microsoft.Extensions.Configuration.IConfiguration configuration = builder.Configuration;
        """;

    /// <summary>The implicit global usings of a <c>Microsoft.NET.Sdk</c> console app (not the Web SDK's, which add DI and configuration).</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    public static IReadOnlyList<string> CompileErrors(DocSnippet snippet)
    {
        var source = snippet.Kind == DocSnippetKind.Program ? MapWhole(snippet) : WrapFragment(snippet);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText(ImplicitUsings, ParseOptions, path: "(implicit usings)"),
            CSharpSyntaxTree.ParseText(source, ParseOptions, path: "(snippet)"),
        };
        var hasStatements = trees[1].GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "DocSnippet",
            trees,
            References.Value,
            new CSharpCompilationOptions(
                hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(Format)];
    }

    /// <summary>Builds the program a fragment becomes; every piece carries a <c>#line</c> back to the Markdown.</summary>
    internal static string WrapFragment(DocSnippet snippet)
    {
        var unit = SyntaxFactory.ParseCompilationUnit(snippet.Code, options: ParseOptions);
        var text = new StringBuilder();
        foreach (var node in unit.Usings)
        {
            Append(text, snippet, node);
        }

        text.Append("#line 1 \"(prelude)\"\n").Append(Prelude).Append('\n');
        foreach (var node in unit.Members.OfType<GlobalStatementSyntax>())
        {
            Append(text, snippet, node);
        }

        foreach (var node in unit.Members.Where(m => m is not GlobalStatementSyntax))
        {
            Append(text, snippet, node);
        }

        foreach (var node in unit.AttributeLists.Cast<SyntaxNode>().Concat(unit.Externs))
        {
            Append(text, snippet, node);
        }

        // Trivia after the last node (a trailing comment) is dropped; it cannot matter to the compiler.
        return text.ToString();
    }

    private static string MapWhole(DocSnippet snippet) =>
        $"#line {snippet.Line.ToString(CultureInfo.InvariantCulture)} \"{snippet.File}\"\n{snippet.Code}\n";

    private static void Append(StringBuilder text, DocSnippet snippet, SyntaxNode node)
    {
        var line = node.SyntaxTree.GetLineSpan(node.FullSpan).StartLinePosition.Line;
        text.Append("#line ").Append((snippet.Line + line).ToString(CultureInfo.InvariantCulture))
            .Append(" \"").Append(snippet.File).Append("\"\n")
            .Append(node.ToFullString());
        if (text[^1] != '\n')
        {
            text.Append('\n');
        }
    }

    private static string Format(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetMappedLineSpan();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): error {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}");
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // The test host's trusted platform assemblies: the shared frameworks in the runtimeconfig (Microsoft.NETCore.App and,
        // through the AspNetCore project, Microsoft.AspNetCore.App) plus every assembly of this project's deps.json.
        var paths = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .ToList();

        // And the library assemblies by location, in case a host left them out.
        // (By name, not by a type, so that renaming a public type cannot break this check.)
        paths.AddRange(new[] { "AmplifyAuthHandlers", "AmplifyAuthHandlers.AspNetCore", "AmplifyAuthHandlers.AwsSdk", "AmplifyAuthHandlers.Testing" }
            .Select(name => System.Reflection.Assembly.Load(name).Location));

        return [.. paths
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .DistinctBy(p => Path.GetFileName(p), StringComparer.OrdinalIgnoreCase)
            .Where(IsManaged)
            .Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
