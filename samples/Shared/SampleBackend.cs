// Shared by the samples (linked into each project): where a sample's Amplify configuration comes from.
// Amplify:ConfigurationFile set: that file (your real amplifyconfiguration.json or amplify_outputs.json).
// Empty: the local emulator of AmplifyAuthHandlers.Testing, started in this process, and the file it writes.
using System.Globalization;
using AmplifyAuthHandlers.Testing;

namespace Samples;

/// <summary>The Amplify backend a sample runs against: a real configuration file, or the local emulator.</summary>
internal sealed class SampleBackend : IAsyncDisposable
{
    /// <summary>The one setting that switches a sample to a real Amplify app.</summary>
    public const string ConfigurationFileKey = "Amplify:ConfigurationFile";

    private readonly LocalCognito? _cognito;
    private readonly LocalApiGateway? _gateway;

    private SampleBackend(string configurationFile, SampleUser? user, LocalCognito? cognito, LocalApiGateway? gateway)
    {
        ConfigurationFile = configurationFile;
        User = user;
        _cognito = cognito;
        _gateway = gateway;
    }

    /// <summary>Gets the Amplify configuration file to pass to <c>AddAmplifyRestApi</c>.</summary>
    public string ConfigurationFile { get; }

    /// <summary>Gets a value indicating whether the emulator runs in this process.</summary>
    public bool IsLocal => _gateway is not null;

    /// <summary>Gets the user to sign in as: the emulator's demo user, or <c>Sample:Username</c> / <c>Sample:Password</c>.</summary>
    public SampleUser? User { get; }

    /// <summary>Gets the REST API names of the emulator by authorization type (empty for a real configuration).</summary>
    public static IReadOnlyDictionary<string, string> LocalApiNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NONE"] = "public",
        ["API_KEY"] = "apikey",
        ["AWS_IAM"] = "iam",
        ["AMAZON_COGNITO_USER_POOLS"] = "userpool",
    };

    /// <summary>Reads <see cref="ConfigurationFileKey"/>; when it is empty, starts the emulator and writes its configuration.</summary>
    public static async Task<SampleBackend> StartAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        var file = configuration[ConfigurationFileKey];
        if (!string.IsNullOrWhiteSpace(file))
        {
            var username = configuration["Sample:Username"];
            var password = configuration["Sample:Password"];
            var user = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) ? null : new SampleUser(username, password);
            await output.WriteLineAsync($"Using the Amplify configuration {Path.GetFullPath(file)}");
            return new SampleBackend(file, user, null, null);
        }

        var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions(), cancellationToken);
        LocalApiGateway? gateway = null;
        try
        {
            var demo = new SampleUser("demo", "Demo-" + Guid.NewGuid().ToString("N"));
            cognito.AddUser(demo.Username, demo.Password, new Dictionary<string, string> { ["email"] = "demo@example.com" });
            var options = new LocalApiGatewayOptions { Region = cognito.Region };
            options.CredentialsAuthorities.Add(cognito);
            options.TokenIssuers.Add(cognito);
            gateway = await LocalApiGateway.StartAsync(options, cancellationToken);

            var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"amplifyconfiguration-sample-{Environment.ProcessId}-{Guid.NewGuid():N}.json"));
            await File.WriteAllTextAsync(path, Gen1Configuration(cognito, gateway), cancellationToken);
            await output.WriteLineAsync($"Started the local Amplify emulator (Cognito {cognito.BaseAddress}, API Gateway {gateway.BaseAddress}); configuration written to {path}");
            return new SampleBackend(path, demo, cognito, gateway);
        }
        catch
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            await cognito.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
            File.Delete(ConfigurationFile);
        }

        if (_cognito is not null)
        {
            await _cognito.DisposeAsync();
        }
    }

    private static string Gen1Configuration(LocalCognito cognito, LocalApiGateway gateway)
    {
        string Api(string type, string? apiKey = null) =>
            $$"""
                "{{LocalApiNames[type]}}": { "endpointType": "REST", "endpoint": "{{gateway.Endpoints[type]}}", "region": "{{gateway.Region}}", "authorizationType": "{{type}}"{{(apiKey is null ? "" : $", \"apiKey\": \"{apiKey}\"")}} }
            """;
        return $$"""
            {
              "api": { "plugins": { "awsAPIPlugin": {
            {{Api("NONE")}},
            {{Api("API_KEY", gateway.ApiKey)}},
            {{Api("AWS_IAM")}},
            {{Api("AMAZON_COGNITO_USER_POOLS")}}
              } } },
              "auth": { "plugins": { "awsCognitoAuthPlugin": {
                "CognitoUserPool": { "Default": { "PoolId": "{{cognito.UserPoolId}}", "AppClientId": "{{cognito.DefaultClient.ClientId}}", "Region": "{{cognito.Region}}", "Endpoint": "{{cognito.CognitoIdentityProviderUrl}}" } },
                "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "{{cognito.IdentityPoolId}}", "Region": "{{cognito.Region}}", "Endpoint": "{{cognito.CognitoIdentityUrl}}" } } },
                "Auth": { "Default": { "authenticationFlowType": "USER_SRP_AUTH" } }
              } } }
            }
            """;
    }
}

/// <summary>A user-pool user to sign in as. <see cref="ToString"/> never shows the password.</summary>
internal sealed record SampleUser(string Username, string Password)
{
    public override string ToString() => $"SampleUser {{ Username = {Username} }}";
}
