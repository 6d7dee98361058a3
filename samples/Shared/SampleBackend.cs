// Shared by the samples (linked into each project): where a sample's Amplify configuration comes from.
// Amplify:ConfigurationFile set: that file (your real amplifyconfiguration.json or amplify_outputs.json).
// Empty: the local emulator (LocalAmplifyBackend, package AmplifyAuthHandlers.Testing) started in this process,
// and the amplifyconfiguration.json it writes.
using System.Globalization;
using AmplifyAuthHandlers.Testing;

namespace Samples;

/// <summary>The Amplify backend a sample runs against: a real configuration file, or the local emulator.</summary>
internal sealed class SampleBackend : IAsyncDisposable
{
    /// <summary>The one setting that switches a sample to a real Amplify app.</summary>
    public const string ConfigurationFileKey = "Amplify:ConfigurationFile";

    /// <summary>The APIs the samples call: an AWS_IAM API and an AMAZON_COGNITO_USER_POOLS API.</summary>
    public static IReadOnlyList<string> IamAndUserPoolApis { get; } = ["AWS_IAM", "AMAZON_COGNITO_USER_POOLS"];

    private SampleBackend(string configurationFile, SampleUser? user, LocalAmplifyBackend? emulator)
    {
        ConfigurationFile = configurationFile;
        User = user;
        Emulator = emulator;
    }

    /// <summary>Gets the Amplify configuration file to pass to <c>AddAmplifyRestApi</c>.</summary>
    public string ConfigurationFile { get; }

    /// <summary>Gets the emulator running in this process, or <see langword="null"/> for a real configuration.</summary>
    public LocalAmplifyBackend? Emulator { get; }

    /// <summary>Gets the user to sign in as: the emulator's demo user, or <c>Sample:Username</c> / <c>Sample:Password</c>.</summary>
    public SampleUser? User { get; }

    /// <summary>Reads <see cref="ConfigurationFileKey"/>; when it is empty, starts the emulator and writes its configuration.</summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <param name="output">Where to say which backend is used.</param>
    /// <param name="authorizationTypes">The emulator's APIs the written file lists (the sample's own needs: an OIDC or Lambda API in the file would need a token provider).</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<SampleBackend> StartAsync(IConfiguration configuration, TextWriter output, IEnumerable<string> authorizationTypes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var file = configuration[ConfigurationFileKey];
        if (!string.IsNullOrWhiteSpace(file))
        {
            // A real app: its user comes from user secrets or environment variables, never from a committed file.
            var username = configuration["Sample:Username"];
            var password = configuration["Sample:Password"];
            var user = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) ? null : new SampleUser(username, password);
            await output.WriteLineAsync($"Using the Amplify configuration {Path.GetFullPath(file)}");
            return new SampleBackend(file, user, null);
        }

        var emulator = await LocalAmplifyBackend.StartAsync(cancellationToken: cancellationToken);
        try
        {
            var path = emulator.WriteAmplifyConfiguration(Path.Combine(
                Path.GetTempPath(),
                string.Create(CultureInfo.InvariantCulture, $"amplify-sample-{Environment.ProcessId}-{Guid.NewGuid():N}"),
                "amplifyconfiguration.json"),
                authorizationTypes);
            var demo = emulator.Users[0];
            await output.WriteLineAsync($"Started the local Amplify emulator (APIs at {emulator.Gateway.BaseAddress}, Cognito at {emulator.Cognito.BaseAddress}, user '{demo.Username}'); its configuration: {path}");
            return new SampleBackend(path, new SampleUser(demo.Username, demo.Password), emulator);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
            Directory.Delete(Path.GetDirectoryName(ConfigurationFile)!, recursive: true);
        }
    }
}

/// <summary>A user-pool user to sign in as. <see cref="ToString"/> never shows the password.</summary>
internal sealed record SampleUser(string Username, string Password)
{
    public override string ToString() => $"SampleUser {{ Username = {Username} }}";
}
