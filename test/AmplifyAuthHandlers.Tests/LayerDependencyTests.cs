using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Tests;

/// <summary>
/// Keeps the folders of src/AmplifyAuthHandlers depending one way (GUIDE.md, "Dependencies run one way"):
/// <c>Diagnostics ← Signing ← Configuration ← Cognito/SecurityToken ← Credentials/Auth ← Http ← Rest/DependencyInjection</c>.
/// A folder uses folders to its left and the root folder (shared exceptions and names), never those to its
/// right. Peers do not use each other, with one decision: Auth may use Credentials (the sign-in session
/// drives the identity pool's credentials), never the other way; DependencyInjection may use Rest (it
/// registers the facade), never the other way. The root folder uses no folder.
/// </summary>
/// <remarks>
/// Public types keep the namespaces users import, so a type's folder comes from the source tree, read at
/// test time: one type per file, the file named after the type.
/// </remarks>
[TestFixture]
public sealed class LayerDependencyTests
{
    private const string Root = "(root)";

    /// <summary>What each folder may use besides itself and the root folder.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Diagnostics"] = [],
        ["Signing"] = ["Diagnostics"],
        ["Configuration"] = ["Diagnostics", "Signing"],
        ["Cognito"] = ["Diagnostics", "Signing", "Configuration"],
        ["SecurityToken"] = ["Diagnostics", "Signing", "Configuration"],
        ["Credentials"] = ["Diagnostics", "Signing", "Configuration", "Cognito", "SecurityToken"],
        ["Auth"] = ["Diagnostics", "Signing", "Configuration", "Cognito", "SecurityToken", "Credentials"],
        ["Http"] = ["Diagnostics", "Signing", "Configuration", "Cognito", "SecurityToken", "Credentials", "Auth"],
        ["Rest"] = ["Diagnostics", "Signing", "Configuration", "Cognito", "SecurityToken", "Credentials", "Auth", "Http"],
        ["DependencyInjection"] = ["Diagnostics", "Signing", "Configuration", "Cognito", "SecurityToken", "Credentials", "Auth", "Http", "Rest"],
        [Root] = [],
    };

    private static Dictionary<string, string>? _folders;

    private static Dictionary<string, string> Folders => _folders ??= ReadFolders();

    [Test]
    public void Check_CoreAssembly_EveryTypeUsesOnlyFoldersToItsLeft()
    {
        var assembly = typeof(AmplifyException).Assembly;

        var violations = LayerDependencyChecker.Check(assembly.GetTypes(), type => FolderOf(type, assembly), MayUse);

        Assert.That(violations, Is.Empty, string.Join("\n", violations));
    }

    [Test]
    public void Check_CoreAssembly_EveryTopLevelTypeHasItsOwnFile()
    {
        var assembly = typeof(AmplifyException).Assembly;

        var unmapped = assembly.GetTypes()
            .Where(t => t.DeclaringType is null && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false))
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("AmplifyAuthHandlers", StringComparison.Ordinal) || ns == "Microsoft.Extensions.DependencyInjection"))
            .Where(t => !Folders.ContainsKey(TypeName(t)))
            .Select(t => t.FullName)
            .ToList();

        Assert.That(unmapped, Is.Empty, "a type the layer check cannot place; give it a file named after it");
    }

    [Test]
    public void Check_FolderMap_CoversEveryFolderOfTheSourceTree() =>
        Assert.That(Folders.Values.Distinct().Order(), Is.SubsetOf(Allowed.Keys), "a new folder needs its place in the order");

    [Test]
    public void Check_CoreAssembly_ReferencesNoneOfTheAssembliesBuiltOnIt()
    {
        var referenced = typeof(AmplifyException).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.That(referenced, Has.None.StartsWith("AmplifyAuthHandlers."));
    }

    [Test]
    public void Check_AspNetCoreAssembly_ReferencesOnlyTheCoreOfTheLibrary()
    {
        var referenced = typeof(AmplifyCallerTokenForwardingServiceCollectionExtensions).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name)
            .Where(n => n is not null && n.StartsWith("AmplifyAuthHandlers", StringComparison.Ordinal));

        Assert.That(referenced, Is.EqualTo(new[] { "AmplifyAuthHandlers" }));
    }

    [Test]
    public void Check_CoreAssembly_GrantsNoInternalsToThePackagesBuiltOnIt()
    {
        var friends = typeof(AmplifyException).Assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), false)
            .Cast<System.Runtime.CompilerServices.InternalsVisibleToAttribute>()
            .Select(a => a.AssemblyName)
            .ToList();

        Assert.That(friends, Is.SubsetOf(new[] { "AmplifyAuthHandlers.Tests", "AmplifyAuthHandlers.IntegrationTests", "AmplifyAuthHandlers.Benchmarks" }));
    }

    [Test]
    public void Check_AspNetCoreAssembly_ReferencesOnlyPublicMembersOfTheCore()
    {
        var core = typeof(AmplifyException).Assembly;
        var used = CoreMemberReferences(typeof(AmplifyCallerTokenForwardingServiceCollectionExtensions).Assembly.Location, core);

        var notPublic = used
            .Where(u => u.Type is null || !u.Type.IsVisible || (u.Member is { } m && u.Type.GetMember(m, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static).Length == 0))
            .Select(u => $"{u.TypeName}{(u.Member is null ? string.Empty : "." + u.Member)}")
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(used.Select(u => u.TypeName), Does.Contain("AmplifyAuthHandlers.IAmplifyCallerContext"), "the check reads the assembly's references to the core");
            Assert.That(notPublic, Is.Empty, "the ASP.NET Core package stands on the core's public API");
        });
    }

    /// <summary>The core's types (and their members) that an assembly's metadata refers to.</summary>
    private static List<(string TypeName, Type? Type, string? Member)> CoreMemberReferences(string path, System.Reflection.Assembly core)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var md = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var types = new Dictionary<System.Reflection.Metadata.TypeReferenceHandle, (string Name, Type? Type)>();
        foreach (var handle in md.TypeReferences)
        {
            var reference = md.GetTypeReference(handle);
            if (reference.ResolutionScope.Kind == System.Reflection.Metadata.HandleKind.AssemblyReference
                && md.GetString(md.GetAssemblyReference((System.Reflection.Metadata.AssemblyReferenceHandle)reference.ResolutionScope).Name) == core.GetName().Name)
            {
                var name = $"{md.GetString(reference.Namespace)}.{md.GetString(reference.Name)}";
                types[handle] = (name, core.GetType(name));
            }
        }

        var used = types.Values.Select(t => (t.Name, t.Type, (string?)null)).ToList();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind == System.Reflection.Metadata.HandleKind.TypeReference
                && types.TryGetValue((System.Reflection.Metadata.TypeReferenceHandle)member.Parent, out var type))
            {
                used.Add((type.Name, type.Type, md.GetString(member.Name)));
            }
        }

        return used;
    }

    private static bool MayUse(string from, string to) =>
        to == Root || (Allowed.TryGetValue(from, out var allowed) && allowed.Contains(to, StringComparer.Ordinal));

    private static string? FolderOf(Type type, System.Reflection.Assembly assembly) =>
        type.Assembly == assembly && Folders.TryGetValue(TypeName(LayerDependencyChecker.Outermost(type)), out var folder) ? folder : null;

    private static string TypeName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name[..tick];
    }

    /// <summary>Type name → folder, from the file names under src/AmplifyAuthHandlers.</summary>
    private static Dictionary<string, string> ReadFolders()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AmplifyAuthHandlers.sln")))
        {
            directory = directory.Parent;
        }

        Assert.That(directory, Is.Not.Null, "the repository root (AmplifyAuthHandlers.sln) above the test directory");
        var src = Path.Combine(directory!.FullName, "src", "AmplifyAuthHandlers");
        var folders = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, Path.GetDirectoryName(file)!);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (top is "bin" or "obj")
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(file);
            Assert.That(folders.TryAdd(name, relative == "." ? Root : top), Is.True, $"two files named {name}.cs: the folder of type {name} is ambiguous");
        }

        return folders;
    }
}
