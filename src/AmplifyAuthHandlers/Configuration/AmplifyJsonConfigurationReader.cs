using System.Globalization;
using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads Amplify's JSON configuration — Gen1 <c>amplifyconfiguration.json</c> (the full file or the bare
/// <c>awsAPIPlugin</c> / <c>awsCognitoAuthPlugin</c> fragments), Gen2 <c>amplify_outputs.json</c> and the
/// JavaScript-flavoured file (the object of <c>aws-exports.js</c>, which the CLI also writes as
/// <c>amplifyconfiguration.json</c> for web apps), told apart by content — into <see cref="AmplifyRestApiOptions"/>. It never throws on bad input: every problem
/// is recorded with its JSON path and reported by validation at start-up.
/// </summary>
internal static class AmplifyJsonConfigurationReader
{
    /// <summary>Amplify configuration files are a few KiB; anything this large is a mistake, not a config.</summary>
    internal const long MaxFileBytes = 4 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

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

        if (LooksLikeJavaScript(utf8Json))
        {
            problems.Add($"Amplify configuration {sourceName} is JavaScript (aws-exports.js), not JSON. AmplifyAuthHandlers reads the same settings as JSON: pass the amplifyconfiguration.json the Amplify CLI writes beside it, or copy the object literal (keys quoted, no comments or trailing commas) into a .json file.");
            return;
        }

        JsonDocument document;
        try
        {
            // Windows editors save UTF-8 with a byte order mark, which JsonDocument refuses as an invalid start of a value.
            document = JsonDocument.Parse(utf8Json.AsMemory(utf8Json.AsSpan().StartsWith(ByteOrderMark) ? ByteOrderMark.Length : 0), DocumentOptions);
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
            if (IsJavaScriptFlavoured(root))
            {
                reader.ReadJavaScriptFlavoured(root);
            }
            else if (IsGen2(root))
            {
                reader.ReadGen2(root);
            }
            else
            {
                reader.ReadGen1(root);
            }

            // Loads with zero REST endpoints when it has GraphQL APIs (skipped with a log) or auth; otherwise the
            // file gives the library nothing to use, which is almost always the wrong file.
            if (result.Options.Endpoints.Count == 0 && problems.Count == 0 && result.SkippedGraphQlEndpoints.Count == 0
                && result.Options.Auth.UserPool is null && result.Options.Auth.IdentityPool is null)
            {
                problems.Add($"Amplify configuration {sourceName} has no REST endpoints or auth settings: expected $.api.plugins.awsAPIPlugin (Gen1), $.awsAPIPlugin (fragment), $.rest_api / $.custom.API (Gen2 amplify_outputs.json) or $.aws_cloud_logic_custom / $.aws_user_pools_id (aws-exports, amplifyconfiguration.json for web apps).");
            }
        }
    }

    /// <summary>The flat file of amplify-js (<c>aws-exports.js</c>): its keys start with <c>aws_</c>; Gen1 and Gen2 files have none at the root.</summary>
    private static bool IsJavaScriptFlavoured(JsonElement root) =>
        root.EnumerateObject().Any(property => property.Name.StartsWith("aws_", StringComparison.OrdinalIgnoreCase));

    /// <summary>A JavaScript module rather than JSON: what users pass when they point at aws-exports.js itself.</summary>
    private static bool LooksLikeJavaScript(byte[] utf8Json)
    {
        var text = utf8Json.AsSpan();
        if (text.StartsWith(ByteOrderMark))
        {
            text = text[ByteOrderMark.Length..];
        }

        text = text.TrimStart(" \t\r\n"u8);
        return text.StartsWith("//"u8) || text.StartsWith("/*"u8) || text.StartsWith("const "u8) || text.StartsWith("var "u8)
            || text.StartsWith("let "u8) || text.StartsWith("export "u8) || text.StartsWith("module.exports"u8);
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
        // System.Text.Json appends "Path: $ | LineNumber: …" (JsonDocument only "LineNumber: …"), which repeats what we already say.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

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
            if (TryObject(root, "api", "$", out var api) && TryObject(api, "plugins", "$.api", out var apiPlugins, caseChecked: true)
                && TryObject(apiPlugins, "awsAPIPlugin", "$.api.plugins", out var apiPlugin, caseChecked: true))
            {
                ReadGen1Endpoints(apiPlugin, "$.api.plugins.awsAPIPlugin");
            }

            if (TryObject(root, "plugins", "$", out var plugins))
            {
                if (TryObject(plugins, "awsAPIPlugin", "$.plugins", out var pluginApi, caseChecked: true))
                {
                    ReadGen1Endpoints(pluginApi, "$.plugins.awsAPIPlugin");
                }

                if (TryObject(plugins, "awsCognitoAuthPlugin", "$.plugins", out var pluginAuth, caseChecked: true))
                {
                    ReadGen1Auth(pluginAuth, "$.plugins.awsCognitoAuthPlugin");
                }
            }

            if (TryObject(root, "awsAPIPlugin", "$", out var fragment))
            {
                ReadGen1Endpoints(fragment, "$.awsAPIPlugin");
            }

            if (TryObject(root, "auth", "$", out var auth) && TryObject(auth, "plugins", "$.auth", out var authPlugins, caseChecked: true)
                && TryObject(authPlugins, "awsCognitoAuthPlugin", "$.auth.plugins", out var cognito, caseChecked: true))
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

                CheckKeys(value, endpointPath, ConfigurationKeySet.Gen1RestEndpoint);
                AddEndpoint(property.Name, endpointPath, value, "endpoint", "region", "authorizationType", "apiKey");
            }
        }

        private void ReadGen1Auth(JsonElement plugin, string path)
        {
            // At the root ($) the plugin body shares its keys with the full file's ('auth'), so only inside a plugin
            // is another case of CognitoUserPool, CredentialsProvider or Auth surely a misspelling.
            var inPlugin = path != "$";
            if (TryObject(plugin, "CognitoUserPool", path, out var userPools, caseChecked: inPlugin)
                && TryObject(userPools, "Default", $"{path}.CognitoUserPool", out var pool, caseChecked: true))
            {
                var poolPath = $"{path}.CognitoUserPool.Default";
                CheckKeys(pool, poolPath, ConfigurationKeySet.Gen1UserPool);
                result.Options.Auth.UserPool = new CognitoUserPoolOptions
                {
                    PoolId = String(pool, "PoolId", poolPath),
                    AppClientId = String(pool, "AppClientId", poolPath),
                    AppClientSecret = String(pool, "AppClientSecret", poolPath),
                    Region = String(pool, "Region", poolPath),
                    Endpoint = UriValue(String(pool, "Endpoint", poolPath), $"{poolPath}.Endpoint", "the user pool"),
                };
            }

            if (TryObject(plugin, "CredentialsProvider", path, out var credentials, caseChecked: inPlugin)
                && TryObject(credentials, "CognitoIdentity", $"{path}.CredentialsProvider", out var identity, caseChecked: true)
                && TryObject(identity, "Default", $"{path}.CredentialsProvider.CognitoIdentity", out var identityPool, caseChecked: true))
            {
                var identityPath = $"{path}.CredentialsProvider.CognitoIdentity.Default";
                CheckKeys(identityPool, identityPath, ConfigurationKeySet.Gen1IdentityPool);
                result.Options.Auth.IdentityPool = new CognitoIdentityPoolOptions
                {
                    PoolId = String(identityPool, "PoolId", identityPath),
                    Region = String(identityPool, "Region", identityPath),
                    Endpoint = UriValue(String(identityPool, "Endpoint", identityPath), $"{identityPath}.Endpoint", "the identity pool"),
                };
            }

            if (TryObject(plugin, "Auth", path, out var authSection, caseChecked: inPlugin)
                && TryObject(authSection, "Default", $"{path}.Auth", out var authDefault, caseChecked: true))
            {
                CheckKeys(authDefault, $"{path}.Auth.Default", ConfigurationKeySet.Gen1AuthDefault);
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

                    CheckKeys(property.Value, endpointPath, ConfigurationKeySet.Gen2RestEndpoint);
                    AddEndpoint(property.Name, endpointPath, property.Value, "url", "aws_region", "authorization_type", "api_key");
                }
            }

            if (TryObject(root, "custom", "$", out var custom) && TryObject(custom, "API", "$.custom", out var customApi, caseChecked: true))
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
                    CheckKeys(property.Value, endpointPath, ConfigurationKeySet.Gen2CustomApiEndpoint);
                    AddEndpoint(property.Name, endpointPath, property.Value, "endpoint", "region", "authorizationType", "apiKey");
                }
            }

            // Gen2's GraphQL API: another category's business, skipped like Gen1's GraphQL endpoints.
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                result.SkippedGraphQlEndpoints.Add("data");
            }

            if (TryObject(root, "auth", "$", out var auth))
            {
                CheckKeys(auth, "$.auth", ConfigurationKeySet.Gen2Auth);

                // Empty strings are what generators leave for resources not deployed: absent, as amplify-js reads them.
                var region = NonEmpty(String(auth, "aws_region", "$.auth"));
                var userPoolId = NonEmpty(String(auth, "user_pool_id", "$.auth"));
                var clientId = NonEmpty(String(auth, "user_pool_client_id", "$.auth"));
                var identityPoolId = NonEmpty(String(auth, "identity_pool_id", "$.auth"));
                if (userPoolId is null && clientId is null && identityPoolId is null)
                {
                    Problems.Add($"$.auth in {sourceName} has no user_pool_id, user_pool_client_id or identity_pool_id (or they are empty): the auth resources were not deployed when the file was generated. Run 'npx ampx generate outputs' after deploying, or remove $.auth.");
                }

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

        /// <summary>The flat object of amplify-js v5/v6, read as its <c>parseAWSExports</c> reads it.</summary>
        public void ReadJavaScriptFlavoured(JsonElement root)
        {
            CheckKeys(root, "$", ConfigurationKeySet.JsRoot, warnUnknown: false);
            if (!root.TryGetProperty("aws_project_region", out _))
            {
                // amplify-js refuses such an object ("Invalid config parameter"), so it is not a file its CLI wrote.
                Problems.Add($"Amplify configuration {sourceName} has aws_ keys but no $.aws_project_region, which every aws-exports / amplifyconfiguration.json the Amplify CLI writes has (amplify-js refuses the file without it). Add it, e.g. \"aws_project_region\": \"us-east-1\".");
            }

            // amplify-js treats empty strings (a resource not deployed) as absent.
            var region = NonEmpty(String(root, "aws_cognito_region", "$"));
            var userPoolId = NonEmpty(String(root, "aws_user_pools_id", "$"));
            var clientId = NonEmpty(String(root, "aws_user_pools_web_client_id", "$"));
            var identityPoolId = NonEmpty(String(root, "aws_cognito_identity_pool_id", "$"));
            if (userPoolId is not null || clientId is not null)
            {
                result.Options.Auth.UserPool = new CognitoUserPoolOptions { PoolId = userPoolId, AppClientId = clientId, Region = region };
            }

            if (identityPoolId is not null)
            {
                result.Options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = identityPoolId, Region = region };
            }

            if (NonEmpty(String(root, "aws_appsync_graphqlEndpoint", "$")) is not null)
            {
                result.SkippedGraphQlEndpoints.Add("aws_appsync_graphqlEndpoint");
            }

            if (!root.TryGetProperty("aws_cloud_logic_custom", out var apis) || apis.ValueKind == JsonValueKind.Null)
            {
                return;
            }

            if (apis.ValueKind != JsonValueKind.Array)
            {
                Problems.Add($"Expected an array at $.aws_cloud_logic_custom, found {Describe(apis.ValueKind)} ({sourceName}).");
                return;
            }

            var index = 0;
            foreach (var api in apis.EnumerateArray())
            {
                var apiPath = $"$.aws_cloud_logic_custom[{index.ToString(CultureInfo.InvariantCulture)}]";
                index++;
                if (api.ValueKind != JsonValueKind.Object)
                {
                    Problems.Add($"Expected an object at {apiPath}, found {Describe(api.ValueKind)} ({sourceName}).");
                    continue;
                }

                CheckKeys(api, apiPath, ConfigurationKeySet.JsCloudLogicEndpoint);
                var service = String(api, "service", apiPath);
                if (service is not null && service != "execute-api")
                {
                    Problems.Add($"REST API at {apiPath} is signed for the service '{service}'; AmplifyAuthHandlers signs API Gateway requests (execute-api) only. Remove 'service' or set it to execute-api.");
                }

                var name = String(api, "name", apiPath);
                if (name is null)
                {
                    Problems.Add($"The REST API at {apiPath}.name has no name; amplify-js calls it by name, and the name is also its HttpClient's name. Add \"name\".");
                    continue;
                }

                // No authorizationType in this format: amplify-js signs every REST API with the identity pool's credentials.
                AddEndpoint(name, apiPath, api, "endpoint", "region", authorizationKey: null, apiKeyKey: null);
            }
        }

        private void AddEndpoint(string name, string path, JsonElement value, string endpointKey, string regionKey,
            string? authorizationKey, string? apiKeyKey)
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
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.AuthorizationType)] = authorizationKey is null ? path : $"{path}.{authorizationKey}";
            if (apiKeyKey is not null)
            {
                endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.ApiKey)] = $"{path}.{apiKeyKey}";
            }

            var uri = String(value, endpointKey, path);
            endpoint.Endpoint = UriValue(uri, $"{path}.{endpointKey}", $"endpoint '{name}'");
            endpoint.Region = String(value, regionKey, path);
            endpoint.ApiKey = apiKeyKey is null ? null : String(value, apiKeyKey, path);

            var unreadable = false;
            var authorization = authorizationKey is null ? null : String(value, authorizationKey, path, out unreadable);
            if (unreadable)
            {
                endpoint.AuthorizationTypeUnreadable = true;
            }
            else if (authorization is null)
            {
                // Amplify's default for REST; said at start-up so the choice is never a surprise.
                endpoint.AuthorizationType = AmplifyAuthorizationType.AwsIam;
                result.Notices.DefaultedToAwsIam.Add((name, $"{path} in {sourceName}"));
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

        private void CheckKeys(JsonElement section, string path, ConfigurationKeySet keys, bool warnUnknown = true) =>
            ConfigurationKeyCheck.Check(section.EnumerateObject().Select(property => property.Name), keys, caseSensitive: true, warnUnknown,
                key => $"{path}.{key}", Problems, result.Notices, source: sourceName);

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

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

        /// <summary>
        /// An optional object: absent is <see langword="false"/>; null or another type is a problem. With caseChecked,
        /// another case of the key is a problem too: a mis-cased container ("default", "cognitoUserPool") would otherwise
        /// drop everything inside it without a word.
        /// </summary>
        private bool TryObject(JsonElement owner, string key, string ownerPath, out JsonElement value, bool caseChecked = false)
        {
            if (!owner.TryGetProperty(key, out value))
            {
                var misCased = caseChecked
                    ? owner.EnumerateObject().Select(property => property.Name).FirstOrDefault(name => name.Equals(key, StringComparison.OrdinalIgnoreCase))
                    : null;
                if (misCased is not null)
                {
                    Problems.Add($"'{misCased}' at {ownerPath}.{misCased} differs from the key '{key}' only in case. Keys are case-sensitive here, so everything in it would be ignored; rename it to '{key}'.");
                }

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
