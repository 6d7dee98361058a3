using System.Collections.ObjectModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Testing;

/// <summary>
/// A whole Amplify backend on loopback for tests: a <see cref="LocalCognito"/> (user pool with users, identity pool
/// with guests) and a <see cref="LocalApiGateway"/> that trusts it (identity-pool credentials for AWS_IAM, user-pool
/// tokens for the token APIs), with one REST API per <c>authorizationType</c>. It writes the Amplify configuration files
/// (Gen1 <c>amplifyconfiguration.json</c>, Gen2 <c>amplify_outputs.json</c>) that point at itself.
/// </summary>
/// <example>
/// <code>
/// await using var backend = await LocalAmplifyBackend.StartAsync();
/// services.AddAmplifyRestApi(backend.WriteAmplifyConfiguration(Path.Combine(dir, "amplifyconfiguration.json")));
/// </code>
/// </example>
public sealed class LocalAmplifyBackend : IAsyncDisposable
{
    /// <summary>The demo user's name when <see cref="LocalAmplifyBackendOptions.Users"/> is empty.</summary>
    public const string DemoUsername = "demo";

    /// <summary>Gen1 auth sections spell the region key in PascalCase.</summary>
    private const string Gen1RegionKey = "Region";

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    private LocalAmplifyBackend(LocalCognito cognito, LocalApiGateway gateway, IReadOnlyList<LocalAmplifyUser> users)
    {
        Cognito = cognito;
        Gateway = gateway;
        Users = users;
    }

    /// <summary>Gets the user pool and identity pool.</summary>
    /// <value>Running until the backend is disposed.</value>
    public LocalCognito Cognito { get; }

    /// <summary>Gets the API Gateway (its <see cref="LocalApiGateway.Requests"/> log shows what each API verified).</summary>
    /// <value>Running until the backend is disposed.</value>
    public LocalApiGateway Gateway { get; }

    /// <summary>Gets the region of the pools, the signatures and the files.</summary>
    /// <value>From <see cref="LocalAmplifyBackendOptions.Region"/>.</value>
    public string Region => Cognito.Region;

    /// <summary>Gets the stage every API is deployed to.</summary>
    /// <value>From <see cref="LocalAmplifyBackendOptions.Stage"/>.</value>
    public string Stage => Gateway.Stage;

    /// <summary>Gets the users of the user pool, with their passwords.</summary>
    /// <value>The options' users, or one user <see cref="DemoUsername"/> with a random password.</value>
    public IReadOnlyList<LocalAmplifyUser> Users { get; }

    /// <summary>Gets the key the API_KEY API accepts (it is also in the written files).</summary>
    /// <value>From <see cref="LocalAmplifyBackendOptions.ApiKey"/> or random.</value>
    public string ApiKey => Gateway.ApiKey;

    /// <summary>
    /// Gets each API's base URL including the stage, keyed by <c>authorizationType</c> as Amplify files spell it
    /// (case-insensitive), e.g. <c>Apis["AWS_IAM"]</c> is <c>http://127.0.0.1:PORT/aws-iam/dev</c>.
    /// </summary>
    /// <value>Six APIs.</value>
    public IReadOnlyDictionary<string, Uri> Apis => Gateway.Endpoints;

    /// <summary>Gets the path <see cref="WriteAmplifyConfiguration"/> last wrote.</summary>
    /// <value><see langword="null"/> until it is called.</value>
    public string? AmplifyConfigurationPath { get; private set; }

    /// <summary>Gets the path <see cref="WriteAmplifyOutputs"/> last wrote.</summary>
    /// <value><see langword="null"/> until it is called.</value>
    public string? AmplifyOutputsPath { get; private set; }

    /// <summary>Starts Cognito and a gateway that trusts it on <c>127.0.0.1</c>, and adds the users.</summary>
    /// <param name="options">The set-up, or <see langword="null"/> for the defaults (region us-east-1, stage dev, user <c>demo</c>).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running backend; dispose it to stop both servers.</returns>
    /// <exception cref="ArgumentException">An option is invalid (region, stage, a user name or a password shorter than 8 characters).</exception>
    public static async Task<LocalAmplifyBackend> StartAsync(LocalAmplifyBackendOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalAmplifyBackendOptions();
        var requested = options.Users.Count > 0
            ? options.Users.ToArray()
            : [new LocalAmplifyUser(DemoUsername, GeneratePassword())];
        foreach (var user in requested)
        {
            ArgumentNullException.ThrowIfNull(user, nameof(options));
            if (string.IsNullOrWhiteSpace(user.Username) || user.Password is null || user.Password.Length < 8)
            {
                throw new ArgumentException($"User '{user.Username}' needs a non-empty name and a password of at least 8 characters.", nameof(options));
            }
        }

        var cognito = await LocalCognito.StartAsync(new LocalCognitoOptions { Region = options.Region, TimeProvider = options.TimeProvider }, cancellationToken).ConfigureAwait(false);
        try
        {
            var gateway = await LocalApiGateway.StartAsync(new LocalApiGatewayOptions
            {
                Region = options.Region,
                Stage = options.Stage,
                ApiKey = options.ApiKey,
                TimeProvider = options.TimeProvider,
                Handler = options.Handler,
                LambdaAuthorizer = options.LambdaAuthorizer,
                CredentialsAuthorities = { cognito },
                TokenIssuers = { cognito },
            }, cancellationToken).ConfigureAwait(false);
            var users = new List<LocalAmplifyUser>(requested.Length);
            foreach (var user in requested)
            {
                users.Add(user with { Sub = cognito.AddUser(user.Username, user.Password) });
            }

            return new LocalAmplifyBackend(cognito, gateway, new ReadOnlyCollection<LocalAmplifyUser>(users));
        }
        catch
        {
            await cognito.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes a Gen1 <c>amplifyconfiguration.json</c> pointing at this backend: <c>api.plugins.awsAPIPlugin</c> with one
    /// REST endpoint per <c>authorizationType</c> (names in <see cref="LocalAmplifyEndpointNames"/>; the API_KEY endpoint
    /// carries <c>apiKey</c>), and <c>auth.plugins.awsCognitoAuthPlugin</c> with the user pool, the identity pool and
    /// their <c>Endpoint</c>s (this Cognito's URL).
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists; its directory is created).</param>
    /// <param name="authorizationTypes">
    /// The APIs to include, by <c>authorizationType</c> (e.g. <c>["AWS_IAM"]</c>), or <see langword="null"/> for all six. The library
    /// requires a token provider for every OPENID_CONNECT and AWS_LAMBDA endpoint in the file, so leave those out if you do not need them.
    /// </param>
    /// <returns>The file's full path.</returns>
    /// <exception cref="ArgumentException"><paramref name="authorizationTypes"/> names an unknown type.</exception>
    public string WriteAmplifyConfiguration(string path, IEnumerable<string>? authorizationTypes = null)
    {
        var apis = Select(authorizationTypes);
        var fullPath = Write(path, json => WriteGen1(json, apis));
        AmplifyConfigurationPath = fullPath;
        return fullPath;
    }

    /// <summary>
    /// Writes a Gen2 <c>amplify_outputs.json</c> pointing at this backend: <c>rest_api</c> with one endpoint per
    /// <c>authorizationType</c> (<c>url</c>, <c>aws_region</c>, <c>authorization_type</c>, <c>api_key</c>) and <c>auth</c>
    /// with the pool IDs, as Amplify Gen2 writes them.
    /// </summary>
    /// <param name="path">The file to write (replaced if it exists; its directory is created).</param>
    /// <param name="authorizationTypes">The APIs to include, by <c>authorizationType</c>, or <see langword="null"/> for all six (see <see cref="WriteAmplifyConfiguration"/>).</param>
    /// <returns>The file's full path.</returns>
    /// <exception cref="ArgumentException"><paramref name="authorizationTypes"/> names an unknown type.</exception>
    /// <remarks>
    /// Gen2's <c>auth</c> section has no key for a Cognito endpoint, so a client reading only this file calls the real
    /// Cognito of the region: point its user pool and identity pool at <see cref="LocalCognito.BaseAddress"/> in code.
    /// </remarks>
    public string WriteAmplifyOutputs(string path, IEnumerable<string>? authorizationTypes = null)
    {
        var apis = Select(authorizationTypes);
        var fullPath = Write(path, json => WriteGen2(json, apis));
        AmplifyOutputsPath = fullPath;
        return fullPath;
    }

    /// <summary>
    /// Describes the backend on one line of JSON, secrets included (this is what <c>amplify-rest emulator --json</c> prints):
    /// <c>region</c>, <c>stage</c>, <c>userPoolId</c>, <c>appClientId</c>, <c>identityPoolId</c>, <c>cognitoIdentityProvider</c>,
    /// <c>cognitoIdentity</c>, <c>apiKey</c>, <c>users</c> (<c>[{username, password}]</c>), <c>apis</c> (authorizationType to base URL),
    /// <c>endpointNames</c> (authorizationType to the endpoint's name in the files), <c>amplifyconfiguration</c> and
    /// <c>amplifyOutputs</c> (the written files' paths, or <see langword="null"/>).
    /// </summary>
    /// <returns>The JSON, without a line break.</returns>
    public string DescribeJson()
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("region", Region);
            json.WriteString("stage", Stage);
            json.WriteString("userPoolId", Cognito.UserPoolId);
            json.WriteString("appClientId", Cognito.DefaultClient.ClientId);
            json.WriteString("identityPoolId", Cognito.IdentityPoolId);
            json.WriteString("cognitoIdentityProvider", Cognito.CognitoIdentityProviderUrl.ToString());
            json.WriteString("cognitoIdentity", Cognito.CognitoIdentityUrl.ToString());
            json.WriteString("apiKey", ApiKey);
            json.WriteStartArray("users");
            foreach (var user in Users)
            {
                json.WriteStartObject();
                json.WriteString("username", user.Username);
                json.WriteString("password", user.Password);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("apis");
            foreach (var (authorizationType, _) in LocalAmplifyEndpointNames.ByAuthorizationType)
            {
                json.WriteString(authorizationType, Apis[authorizationType].ToString());
            }

            json.WriteEndObject();
            json.WriteStartObject("endpointNames");
            foreach (var (authorizationType, name) in LocalAmplifyEndpointNames.ByAuthorizationType)
            {
                json.WriteString(authorizationType, name);
            }

            json.WriteEndObject();
            json.WriteString("amplifyconfiguration", AmplifyConfigurationPath);
            json.WriteString("amplifyOutputs", AmplifyOutputsPath);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Stops the gateway, then Cognito.</summary>
    /// <returns>A task that completes when both have stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Gateway.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await Cognito.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A password Cognito's default policy accepts: upper, lower, digits and a symbol, 22 characters.</summary>
    private static string GeneratePassword() => "Demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "!";

    private static string Write(string path, Action<Utf8JsonWriter> body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new FileStream(fullPath, FileMode.Create, FileAccess.Write, FileShare.None);
        using var json = new Utf8JsonWriter(stream, Indented);
        body(json);
        json.Flush();
        return fullPath;
    }

    /// <summary>The (authorizationType, endpoint name) pairs to write, in the fixed order.</summary>
    private static KeyValuePair<string, string>[] Select(IEnumerable<string>? authorizationTypes)
    {
        if (authorizationTypes is null)
        {
            return [.. LocalAmplifyEndpointNames.ByAuthorizationType];
        }

        var wanted = new HashSet<string>(authorizationTypes, StringComparer.OrdinalIgnoreCase);
        var unknown = wanted.Where(w => !LocalAmplifyEndpointNames.ByAuthorizationType.Any(p => p.Key.Equals(w, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException($"Unknown authorizationType '{unknown[0]}'; expected one of {string.Join(", ", LocalAmplifyEndpointNames.ByAuthorizationType.Select(p => p.Key))}.", nameof(authorizationTypes));
        }

        return [.. LocalAmplifyEndpointNames.ByAuthorizationType.Where(p => wanted.Contains(p.Key))];
    }

    private void WriteGen1(Utf8JsonWriter json, KeyValuePair<string, string>[] apis)
    {
        json.WriteStartObject();
        json.WriteString("UserAgent", "aws-amplify-cli/2.0");
        json.WriteString("Version", "1.0");
        json.WriteStartObject("api");
        json.WriteStartObject("plugins");
        json.WriteStartObject("awsAPIPlugin");
        foreach (var (authorizationType, name) in apis)
        {
            json.WriteStartObject(name);
            json.WriteString("endpointType", "REST");
            json.WriteString("endpoint", Apis[authorizationType].ToString());
            json.WriteString("region", Region);
            json.WriteString("authorizationType", authorizationType);
            if (authorizationType == "API_KEY")
            {
                json.WriteString("apiKey", ApiKey);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("auth");
        json.WriteStartObject("plugins");
        json.WriteStartObject("awsCognitoAuthPlugin");
        json.WriteString("UserAgent", "aws-amplify-cli/0.1.0");
        json.WriteString("Version", "0.1.0");
        json.WriteStartObject("IdentityManager");
        json.WriteStartObject("Default");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("CredentialsProvider");
        json.WriteStartObject("CognitoIdentity");
        json.WriteStartObject("Default");
        json.WriteString("PoolId", Cognito.IdentityPoolId);
        json.WriteString(Gen1RegionKey, Region);
        json.WriteString("Endpoint", Cognito.CognitoIdentityUrl.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("CognitoUserPool");
        json.WriteStartObject("Default");
        json.WriteString("PoolId", Cognito.UserPoolId);
        json.WriteString("AppClientId", Cognito.DefaultClient.ClientId);
        json.WriteString(Gen1RegionKey, Region);
        json.WriteString("Endpoint", Cognito.CognitoIdentityProviderUrl.ToString());
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("Auth");
        json.WriteStartObject("Default");
        json.WriteString("authenticationFlowType", "USER_SRP_AUTH");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteGen2(Utf8JsonWriter json, KeyValuePair<string, string>[] apis)
    {
        json.WriteStartObject();
        json.WriteString("version", "1.4");
        json.WriteStartObject("auth");
        json.WriteString("aws_region", Region);
        json.WriteString("user_pool_id", Cognito.UserPoolId);
        json.WriteString("user_pool_client_id", Cognito.DefaultClient.ClientId);
        json.WriteString("identity_pool_id", Cognito.IdentityPoolId);
        json.WriteBoolean("unauthenticated_identities_enabled", true);
        json.WriteString("authentication_flow_type", "USER_SRP_AUTH");
        json.WriteEndObject();
        json.WriteStartObject("rest_api");
        foreach (var (authorizationType, name) in apis)
        {
            json.WriteStartObject(name);
            json.WriteString("url", Apis[authorizationType].ToString());
            json.WriteString("aws_region", Region);
            json.WriteString("authorization_type", authorizationType);
            if (authorizationType == "API_KEY")
            {
                json.WriteString("api_key", ApiKey);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }
}
