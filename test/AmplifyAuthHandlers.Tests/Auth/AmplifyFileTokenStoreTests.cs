using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Auth;

[TestFixture]
public sealed class AmplifyFileTokenStoreTests
{
    private static readonly UserPoolTokens Tokens = new("access-token-value", "id-token-value", "refresh-token-value");

    [Test]
    public void FilePath_RelativePath_IsTheFullPathFromTheCurrentDirectory()
    {
        var store = new AmplifyFileTokenStore(Path.Combine("state", "tokens.json"));

        Assert.That(store.FilePath, Is.EqualTo(Path.Combine(Environment.CurrentDirectory, "state", "tokens.json")));
        Assert.That(Assert.Throws<ArgumentException>(() => _ = new AmplifyFileTokenStore(" "))!.ParamName, Is.EqualTo("path"));
    }

    [Test]
    public async Task SaveAsync_NewFile_IsOwnerOnlyAndLoadsBack()
    {
        using var folder = new TempFile("tokens.json", null);
        var store = new AmplifyFileTokenStore(folder.Path);

        await store.SaveAsync(Tokens, default);
        var loaded = await store.LoadAsync(default);

        Assert.That(loaded!.RefreshToken, Is.EqualTo("refresh-token-value"));
        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder.Path)!), Is.EqualTo(new[] { folder.Path }), "no temporary file is left behind");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(folder.Path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void SaveAsync_MoveFails_DeletesTheTemporaryFile()
    {
        using var folder = new TempFile("tokens.json", null);

        // A folder where the file should be: the temporary file is written, then cannot replace it.
        Directory.CreateDirectory(folder.Path);
        var store = new AmplifyFileTokenStore(folder.Path);

        Assert.That(async () => await store.SaveAsync(Tokens, default), Throws.InstanceOf<IOException>().Or.InstanceOf<UnauthorizedAccessException>());

        Assert.That(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder.Path)!), Is.EqualTo(new[] { folder.Path }));
    }

    [Test]
    public async Task SaveAsync_LinkAtTheOldPredictableTemporaryName_IsNotFollowed()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Creating symbolic links needs privileges on Windows.");
        }

        using var folder = new TempFile("tokens.json", null);
        var victim = Path.Combine(Path.GetDirectoryName(folder.Path)!, "victim.txt");
        await File.WriteAllTextAsync(victim, "victim contents");

        // An attacker who can write the folder plants a link where the token file's sibling used to be written.
        var planted = folder.Path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.CreateSymbolicLink(planted, victim);
        var store = new AmplifyFileTokenStore(folder.Path);

        await store.SaveAsync(Tokens, default);

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(victim), Is.EqualTo("victim contents"), "the tokens must not be written through the link");
            Assert.That(new FileInfo(folder.Path).LinkTarget, Is.Null, "the token file must be a regular file, not the planted link");
            Assert.That(File.ReadAllText(folder.Path), Does.Contain("refresh-token-value"));
        });
    }
}
