namespace AmplifyAuthHandlers.IntegrationTests.Samples;

/// <summary>Command lines for the samples: an empty content root (so no appsettings.json is read) plus settings.</summary>
internal sealed class SampleArgs : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("amplify-sample-test-").FullName;

    public string[] For(params string[] settings) => ["--contentRoot", _contentRoot, .. settings];

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);
}
