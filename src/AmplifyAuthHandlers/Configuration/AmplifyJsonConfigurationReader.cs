using System.Globalization;
using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads Amplify's JSON configuration — Gen1 <c>amplifyconfiguration.json</c> (the full file or the bare
/// <c>awsAPIPlugin</c> / <c>awsCognitoAuthPlugin</c> fragments) and Gen2 <c>amplify_outputs.json</c>, told
/// apart by content — into <see cref="AmplifyRestApiOptions"/>. It never throws on bad input: every problem
/// is recorded with its JSON path and reported by validation at start-up.
/// </summary>
internal static class AmplifyJsonConfigurationReader
{
    /// <summary>Amplify configuration files are a few KiB; anything this large is a mistake, not a config.</summary>
    internal const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads a configuration file, recording a missing, oversized or malformed file as a problem.</summary>
    public static AmplifyConfigurationReadResult ReadFile(string path)
    {
        var result = new AmplifyConfigurationReadResult();
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            result.Options.LoadProblems.Add($"Amplify configuration file path '{path}' is not a valid path: {ex.Message}");
            return result;
        }

        byte[] bytes;
        try
        {
            var info = new FileInfo(fullPath);
            if (!info.Exists)
            {
                result.Options.LoadProblems.Add($"Amplify configuration file not found: '{fullPath}'. Pass the path of amplifyconfiguration.json or amplify_outputs.json (relative paths are resolved against '{Directory.GetCurrentDirectory()}').");
                return result;
            }

            if (info.Length > MaxFileBytes)
            {
                result.Options.LoadProblems.Add($"Amplify configuration file '{fullPath}' is {info.Length.ToString(CultureInfo.InvariantCulture)} bytes; the limit is {MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes. Check that the path names the Amplify configuration.");
                return result;
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            result.Options.LoadProblems.Add($"Amplify configuration file '{fullPath}' could not be read: {ex.Message}");
            return result;
        }

        Read(bytes, $"'{fullPath}'", result);
        return result;
    }

    /// <summary>Reads configuration JSON from memory; <paramref name="sourceName"/> names it in problems.</summary>
    public static AmplifyConfigurationReadResult ReadJson(ReadOnlySpan<byte> utf8Json, string sourceName)
    {
        var result = new AmplifyConfigurationReadResult();
        Read(utf8Json.ToArray(), sourceName, result);
        return result;
    }

    private static void Read(byte[] utf8Json, string sourceName, AmplifyConfigurationReadResult result)
    {
        var problems = result.Options.LoadProblems;
        if (utf8Json.Length == 0 || utf8Json.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            problems.Add($"Amplify configuration {sourceName} is empty; expected a JSON object.");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            problems.Add($"Amplify configuration {sourceName} is not valid JSON: line {line.ToString(CultureInfo.InvariantCulture)}, position {position.ToString(CultureInfo.InvariantCulture)}: {FirstSentence(ex.Message)}");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"Amplify configuration {sourceName}: expected a JSON object at $, found {Describe(root.ValueKind)}.");
                return;
            }

            var reader = new Reader(result, sourceName);
            if (IsGen2(root))
            {
                reader.ReadGen2(root);
            }
            else
            {
                reader.ReadGen1(root);
            }

            if (result.Options.Endpoints.Count == 0 && problems.Count == 0 && result.SkippedGraphQlEndpoints.Count == 0
                && result.Options.Auth.UserPool is null && result.Options.Auth.IdentityPool is null)
            {
                problems.Add($"Amplify configuration {sourceName} has no REST endpoints or auth settings: expected $.api.plugins.awsAPIPlugin (Gen1), $.awsAPIPlugin (fragment) or $.rest_api / $.custom.API (Gen2 amplify_outputs.json).");
            }
        }
    }

    /// <summary>Gen2 files are snake_case with a top-level <c>version</c>; Gen1 files are camel/Pascal-case with <c>plugins</c>.</summary>
    private static bool IsGen2(JsonElement root)
    {
        if (root.TryGetProperty("rest_api", out _))
        {
            return true;
        }

        if (root.TryGetProperty("api", out _) || root.TryGetProperty("awsAPIPlugin", out _) || root.TryGetProperty("plugins", out _))
        {
            return false;
        }

        if (root.TryGetProperty("auth", out var auth) && auth.ValueKind == JsonValueKind.Object)
        {
            return !auth.TryGetProperty("plugins", out _);
        }

        return root.TryGetProperty("version", out _) || root.TryGetProperty("custom", out _);
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "Path: $ | LineNumber: …" which repeats what we already say.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private sealed class Reader(AmplifyConfigurationReadResult result, string sourceName)
    {
        private List<string> Problems => result.Options.LoadProblems;

        public void ReadGen1(JsonElement root)
        {
            // Full file: $.api.plugins.awsAPIPlugin; category body: $.plugins.awsAPIPlugin; fragment: $.awsAPIPlugin.
            if (TryObject(root, "api", "$", out var api) && TryObject(api, "plugins", "$.api", out var apiPlugins)
                && TryObject(apiPlugins, "awsAPIPlugin", "$.api.plugins", out var apiPlugin))
            {
                ReadGen1Endpoints(apiPlugin, "$.api.plugins.awsAPIPlugin");
            }

            if (TryObject(root, "plugins", "$", out var plugins))
            {
                if (TryObject(plugins, "awsAPIPlugin", "$.plugins", out var pluginApi))
                {
                    ReadGen1Endpoints(pluginApi, "$.plugins.awsAPIPlugin");
                }

                if (TryObject(plugins, "awsCognitoAuthPlugin", "$.plugins", out var pluginAuth))
                {
                    ReadGen1Auth(pluginAuth, "$.plugins.awsCognitoAuthPlugin");
                }
            }

            if (TryObject(root, "awsAPIPlugin", "$", out var fragment))
            {
                ReadGen1Endpoints(fragment, "$.awsAPIPlugin");
            }

            if (TryObject(root, "auth", "$", out var auth) && TryObject(auth, "plugins", "$.auth", out var authPlugins)
                && TryObject(authPlugins, "awsCognitoAuthPlugin", "$.auth.plugins", out var cognito))
            {
                ReadGen1Auth(cognito, "$.auth.plugins.awsCognitoAuthPlugin");
            }

            if (TryObject(root, "awsCognitoAuthPlugin", "$", out var authFragment))
            {
                ReadGen1Auth(authFragment, "$.awsCognitoAuthPlugin");
            }

            // The bare awsCognitoAuthPlugin body, as the Amplify page shows it.
            if (root.TryGetProperty("CognitoUserPool", out _) || root.TryGetProperty("CredentialsProvider", out _))
            {
                ReadGen1Auth(root, "$");
            }
        }

        private void ReadGen1Endpoints(JsonElement plugin, string path)
        {
            foreach (var property in plugin.EnumerateObject())
            {
                var endpointPath = $"{path}.{property.Name}";
                if (property.Value.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add($"Endpoint '{property.Name}': expected an object at {endpointPath}, found {Describe(property.Value.ValueKind)}.");
                    continue;
                }

                var value = property.Value;
                var endpointType = String(value, "endpointType", endpointPath);
                if (endpointType is not null && !endpointType.Equals("REST", StringComparison.OrdinalIgnoreCase))
                {
                    if (endpointType.Equals("GraphQL", StringComparison.OrdinalIgnoreCase))
                    {
                        result.SkippedGraphQlEndpoints.Add(property.Name);
                    }
                    else
                    {
                        Problems.Add($"Endpoint '{property.Name}': unknown endpointType '{endpointType}' at {endpointPath}.endpointType; expected REST (GraphQL endpoints are skipped).");
                    }

                    continue;
                }

                AddEndpoint(property.Name, endpointPath, value, "endpoint", "region", "authorizationType", "apiKey", defaultAuthorization: null);
            }
        }

        private void ReadGen1Auth(JsonElement plugin, string path)
        {
            if (TryObject(plugin, "CognitoUserPool", path, out var userPools)
                && TryObject(userPools, "Default", $"{path}.CognitoUserPool", out var pool))
            {
                var poolPath = $"{path}.CognitoUserPool.Default";
                result.Options.Auth.UserPool = new CognitoUserPoolOptions
                {
                    PoolId = String(pool, "PoolId", poolPath),
                    AppClientId = String(pool, "AppClientId", poolPath),
                    AppClientSecret = String(pool, "AppClientSecret", poolPath),
                    Region = String(pool, "Region", poolPath),
                    Endpoint = UriValue(String(pool, "Endpoint", poolPath), $"{poolPath}.Endpoint", "the user pool"),
                };
            }

            if (TryObject(plugin, "CredentialsProvider", path, out var credentials)
                && TryObject(credentials, "CognitoIdentity", $"{path}.CredentialsProvider", out var identity)
                && TryObject(identity, "Default", $"{path}.CredentialsProvider.CognitoIdentity", out var identityPool))
            {
                var identityPath = $"{path}.CredentialsProvider.CognitoIdentity.Default";
                result.Options.Auth.IdentityPool = new CognitoIdentityPoolOptions
                {
                    PoolId = String(identityPool, "PoolId", identityPath),
                    Region = String(identityPool, "Region", identityPath),
                    Endpoint = UriValue(String(identityPool, "Endpoint", identityPath), $"{identityPath}.Endpoint", "the identity pool"),
                };
            }

            if (TryObject(plugin, "Auth", path, out var authSection)
                && TryObject(authSection, "Default", $"{path}.Auth", out var authDefault))
            {
                var flow = String(authDefault, "authenticationFlowType", $"{path}.Auth.Default");
                if (flow is not null)
                {
                    result.Options.Auth.UserPool ??= new CognitoUserPoolOptions();
                    result.Options.Auth.UserPool.AuthenticationFlowType = flow;
                }
            }
        }

        public void ReadGen2(JsonElement root)
        {
            if (TryObject(root, "rest_api", "$", out var restApi))
            {
                foreach (var property in restApi.EnumerateObject())
                {
                    var endpointPath = $"$.rest_api.{property.Name}";
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        Problems.Add($"Endpoint '{property.Name}': expected an object at {endpointPath}, found {Describe(property.Value.ValueKind)}.");
                        continue;
                    }

                    AddEndpoint(property.Name, endpointPath, property.Value, "url", "aws_region", "authorization_type", "api_key", defaultAuthorization: null);
                }
            }

            if (TryObject(root, "custom", "$", out var custom) && TryObject(custom, "API", "$.custom", out var customApi))
            {
                foreach (var property in customApi.EnumerateObject())
                {
                    var endpointPath = $"$.custom.API.{property.Name}";
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        Problems.Add($"Endpoint '{property.Name}': expected an object at {endpointPath}, found {Describe(property.Value.ValueKind)}.");
                        continue;
                    }

                    // Amplify JS signs custom.API endpoints with IAM unless they say otherwise.
                    AddEndpoint(property.Name, endpointPath, property.Value, "endpoint", "region", "authorizationType", "apiKey", AmplifyAuthorizationType.AwsIam);
                }
            }

            if (TryObject(root, "auth", "$", out var auth))
            {
                var region = String(auth, "aws_region", "$.auth");
                var userPoolId = String(auth, "user_pool_id", "$.auth");
                var clientId = String(auth, "user_pool_client_id", "$.auth");
                var identityPoolId = String(auth, "identity_pool_id", "$.auth");
                if (userPoolId is not null || clientId is not null)
                {
                    result.Options.Auth.UserPool = new CognitoUserPoolOptions
                    {
                        PoolId = userPoolId,
                        AppClientId = clientId,
                        Region = region,
                        AuthenticationFlowType = String(auth, "authentication_flow_type", "$.auth") ?? "USER_SRP_AUTH",
                    };
                }

                if (identityPoolId is not null)
                {
                    result.Options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = identityPoolId, Region = region };
                }
            }
        }

        private void AddEndpoint(string name, string path, JsonElement value, string endpointKey, string regionKey,
            string authorizationKey, string apiKeyKey, AmplifyAuthorizationType? defaultAuthorization)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                Problems.Add($"An endpoint at {path} has an empty name; give it a name (the client name).");
                return;
            }

            if (result.Options.Endpoints.ContainsKey(name))
            {
                Problems.Add($"Endpoint '{name}' at {path} is defined more than once in {sourceName}; endpoint names must be unique.");
                return;
            }

            var endpoint = new AmplifyRestEndpointOptions();
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.Endpoint)] = $"{path}.{endpointKey}";
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.Region)] = $"{path}.{regionKey}";
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.AuthorizationType)] = $"{path}.{authorizationKey}";
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.ApiKey)] = $"{path}.{apiKeyKey}";

            var uri = String(value, endpointKey, path);
            endpoint.Endpoint = UriValue(uri, $"{path}.{endpointKey}", $"endpoint '{name}'");
            endpoint.Region = String(value, regionKey, path);
            endpoint.ApiKey = String(value, apiKeyKey, path);

            var authorization = String(value, authorizationKey, path, out var unreadable);
            if (unreadable)
            {
                endpoint.AuthorizationTypeUnreadable = true;
            }
            else if (authorization is null)
            {
                endpoint.AuthorizationType = defaultAuthorization ?? AmplifyAuthorizationType.AwsIam;
            }
            else if (AmplifyAuthorizationTypeNames.TryParse(authorization, out var type))
            {
                endpoint.AuthorizationType = type;
            }
            else
            {
                endpoint.AuthorizationTypeUnreadable = true;
                Problems.Add($"Endpoint '{name}': unknown authorizationType '{authorization}' at {path}.{authorizationKey}; expected one of {AmplifyAuthorizationTypeNames.AllNames}.");
            }

            result.Options.Endpoints[name] = endpoint;
        }

        private Uri? UriValue(string? value, string path, string owner)
        {
            if (value is null)
            {
                return null;
            }

            if (Uri.TryCreate(value.Trim(), UriKind.RelativeOrAbsolute, out var uri))
            {
                return uri;
            }

            Problems.Add($"The URI of {owner} at {path} ('{value}') cannot be parsed; expected an absolute https:// URI.");
            return null;
        }

        /// <summary>An optional string: absent or null is <see langword="null"/>; another type is a problem.</summary>
        private string? String(JsonElement owner, string key, string ownerPath) => String(owner, key, ownerPath, out _);

        private string? String(JsonElement owner, string key, string ownerPath, out bool wrongType)
        {
            wrongType = false;
            if (!owner.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                wrongType = true;
                Problems.Add($"Expected a string at {ownerPath}.{key}, found {Describe(value.ValueKind)} ({sourceName}).");
                return null;
            }

            return value.GetString();
        }

        /// <summary>An optional object: absent is <see langword="false"/>; null or another type is a problem.</summary>
        private bool TryObject(JsonElement owner, string key, string ownerPath, out JsonElement value)
        {
            if (!owner.TryGetProperty(key, out value))
            {
                return false;
            }

            if (value.ValueKind == JsonValueKind.Object)
            {
                return true;
            }

            Problems.Add($"Expected an object at {ownerPath}.{key}, found {Describe(value.ValueKind)} ({sourceName}).");
            return false;
        }
    }
}
