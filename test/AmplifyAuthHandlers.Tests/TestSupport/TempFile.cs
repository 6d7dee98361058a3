namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>A file in a fresh temporary folder, deleted with it.</summary>
internal sealed class TempFile : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "amplify-tests-" + Guid.NewGuid().ToString("N"));

    public TempFile(string fileName, string? contents)
    {
        Directory.CreateDirectory(_folder);
        Path = System.IO.Path.Combine(_folder, fileName);
        if (contents is not null)
        {
            File.WriteAllText(Path, contents);
        }
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
