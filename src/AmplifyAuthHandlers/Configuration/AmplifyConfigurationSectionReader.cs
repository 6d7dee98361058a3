using Microsoft.Extensions.Configuration;

namespace AmplifyAuthHandlers;

/// <summary>
/// Reads an <see cref="IConfiguration"/> section (appsettings.json, environment variables) into
/// <see cref="AmplifyRestApiOptions"/>, by hand rather than with the binder so that every bad value is
/// recorded with its configuration key instead of throwing while options are built.
/// </summary>
/// <remarks>
/// Shape: <c>Endpoints:&lt;name&gt;:{Endpoint, Region, AuthorizationType, ApiKey, AllowCrossOriginRequests, TokenType, BearerPrefix, MaxBufferedRequestBodyBytes, Headers:&lt;header&gt;, Resilience:{Enabled, MaxRetryAttempts, RetryNonIdempotent, AttemptTimeout, TotalTimeout}}</c>,
/// <c>Auth:TokenRefreshWindow</c>,
/// <c>Auth:UserPool:{PoolId, AppClientId, AppClientSecret, Region, Endpoint, AuthenticationFlowType}</c>,
/// <c>Auth:IdentityPool:{PoolId, Region, Endpoint, UnauthenticatedRoleArn, AuthenticatedRoleArn, StsEndpoint}</c>,
/// <c>Credentials:{AccessKeyId, SecretAccessKey, SessionToken, UseAwsSdkCredentialChain, RefreshWindow}</c>.
/// </remarks>
internal static class AmplifyConfigurationSectionReader
{
    /// <summary>The endpoint names, read when services are registered so that each gets its named client.</summary>
    public static IEnumerable<string> EndpointNames(IConfiguration section) =>
        section.GetSection("Endpoints").GetChildren().Select(child => child.Key);

    public static void Read(IConfiguration section, AmplifyRestApiOptions target) => Read(section, target, new AmplifyConfigurationNotices());

    /// <summary>Reads the section; unknown keys and defaulted authorization types go to <paramref name="notices"/>, to be logged.</summary>
    public static void Read(IConfiguration section, AmplifyRestApiOptions target, AmplifyConfigurationNotices notices)
    {
        var problems = target.LoadProblems;
        var sectionPath = section is IConfigurationSection named ? named.Path : "(configuration root)";

        // The root of the whole configuration holds every other setting and environment variable: check only a section.
        if (section is IConfigurationSection)
        {
            CheckKeys(section, ConfigurationKeySet.SectionRoot, problems, notices);
        }

        var endpoints = section.GetSection("Endpoints");
        foreach (var child in endpoints.GetChildren())
        {
            CheckKeys(child, ConfigurationKeySet.SectionEndpoint, problems, notices);
            var endpoint = new AmplifyRestEndpointOptions();
            foreach (var key in new[] { "Endpoint", "Region", "AuthorizationType", "ApiKey" })
            {
                endpoint.SourcePaths[key] = ConfigurationPath.Combine(child.Path, key);
            }

            var uri = child["Endpoint"] ?? child["Url"];
            if (!string.IsNullOrWhiteSpace(uri))
            {
                if (Uri.TryCreate(uri.Trim(), UriKind.RelativeOrAbsolute, out var parsed))
                {
                    endpoint.Endpoint = parsed;
                }
                else
                {
                    problems.Add($"Endpoint '{child.Key}': '{uri}' at configuration key '{ConfigurationPath.Combine(child.Path, "Endpoint")}' is not a URI; expected an absolute https:// URI.");
                }
            }

            endpoint.Region = Blank(child["Region"]);
            endpoint.ApiKey = Blank(child["ApiKey"]);

            var authorization = Blank(child["AuthorizationType"]);
            if (authorization is null)
            {
                // Amplify's default for REST (the options' default too); said at start-up so it is never a surprise.
                notices.DefaultedToAwsIam.Add((child.Key, $"configuration key '{child.Path}'"));
            }
            else
            {
                if (AmplifyAuthorizationTypeNames.TryParse(authorization, out var type))
                {
                    endpoint.AuthorizationType = type;
                }
                else
                {
                    endpoint.AuthorizationTypeUnreadable = true;
                    problems.Add($"Endpoint '{child.Key}': unknown authorizationType '{authorization}' at configuration key '{ConfigurationPath.Combine(child.Path, "AuthorizationType")}'; expected one of {AmplifyAuthorizationTypeNames.AllNames}.");
                }
            }

            var crossOrigin = Blank(child["AllowCrossOriginRequests"]);
            if (crossOrigin is not null)
            {
                if (bool.TryParse(crossOrigin, out var allow))
                {
                    endpoint.AllowCrossOriginRequests = allow;
                }
                else
                {
                    problems.Add($"Endpoint '{child.Key}': '{crossOrigin}' at configuration key '{ConfigurationPath.Combine(child.Path, "AllowCrossOriginRequests")}' is not true or false.");
                }
            }

            var tokenType = Blank(child["TokenType"]);
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.TokenType)] = ConfigurationPath.Combine(child.Path, "TokenType");
            if (tokenType is not null)
            {
                // Names only, ignoring case: a number or a list would silently pick a token.
                if (tokenType.Equals("Access", StringComparison.OrdinalIgnoreCase) || tokenType.Equals("AccessToken", StringComparison.OrdinalIgnoreCase))
                {
                    endpoint.TokenType = AmplifyUserPoolTokenType.Access;
                }
                else if (tokenType.Equals("Id", StringComparison.OrdinalIgnoreCase) || tokenType.Equals("IdToken", StringComparison.OrdinalIgnoreCase))
                {
                    endpoint.TokenType = AmplifyUserPoolTokenType.Id;
                }
                else
                {
                    problems.Add($"Endpoint '{child.Key}': unknown token type '{tokenType}' at configuration key '{ConfigurationPath.Combine(child.Path, "TokenType")}'; expected Access or Id.");
                }
            }

            var bearerPrefix = Blank(child["BearerPrefix"]);
            if (bearerPrefix is not null)
            {
                if (bool.TryParse(bearerPrefix, out var useBearer))
                {
                    endpoint.BearerPrefix = useBearer;
                }
                else
                {
                    problems.Add($"Endpoint '{child.Key}': '{bearerPrefix}' at configuration key '{ConfigurationPath.Combine(child.Path, "BearerPrefix")}' is not true or false.");
                }
            }

            var maxBuffered = Blank(child["MaxBufferedRequestBodyBytes"]);
            endpoint.SourcePaths[nameof(AmplifyRestEndpointOptions.MaxBufferedRequestBodyBytes)] = ConfigurationPath.Combine(child.Path, "MaxBufferedRequestBodyBytes");
            if (maxBuffered is not null)
            {
                // A number of bytes only; the range is the validator's (it names the same key).
                if (long.TryParse(maxBuffered, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bytes))
                {
                    endpoint.MaxBufferedRequestBodyBytes = bytes;
                }
                else
                {
                    problems.Add($"Endpoint '{child.Key}': '{maxBuffered}' at configuration key '{ConfigurationPath.Combine(child.Path, "MaxBufferedRequestBodyBytes")}' is not a whole number of bytes; expected e.g. 10485760 (10 MB, API Gateway's payload limit).");
                }
            }

            foreach (var header in child.GetSection("Headers").GetChildren())
            {
                if (header.Value is null)
                {
                    problems.Add($"Endpoint '{child.Key}': header '{header.Key}' at configuration key '{header.Path}' has no value; expected a string.");
                    continue;
                }

                endpoint.Headers[header.Key] = header.Value;
            }

            CheckKeys(child.GetSection("Resilience"), ConfigurationKeySet.SectionResilience, problems, notices);
            AmplifyResilienceSectionReader.Read(child, endpoint, problems);
            target.Endpoints[child.Key] = endpoint;
        }

        var auth = section.GetSection("Auth");
        CheckKeys(auth, ConfigurationKeySet.SectionAuth, problems, notices);
        var userPool = auth.GetSection("UserPool");
        if (userPool.Exists())
        {
            CheckKeys(userPool, ConfigurationKeySet.SectionUserPool, problems, notices);
            var pool = target.Auth.UserPool ?? new CognitoUserPoolOptions();
            pool.PoolId = Blank(userPool["PoolId"]) ?? pool.PoolId;
            pool.AppClientId = Blank(userPool["AppClientId"]) ?? pool.AppClientId;
            pool.AppClientSecret = Blank(userPool["AppClientSecret"]) ?? pool.AppClientSecret;
            pool.Region = Blank(userPool["Region"]) ?? pool.Region;
            pool.AuthenticationFlowType = Blank(userPool["AuthenticationFlowType"]) ?? pool.AuthenticationFlowType;
            pool.Endpoint = ReadUri(userPool, "Endpoint", problems) ?? pool.Endpoint;
            target.Auth.UserPool = pool;
        }

        var tokenRefreshWindow = Blank(auth["TokenRefreshWindow"]);
        if (tokenRefreshWindow is not null)
        {
            if (TimeSpan.TryParse(tokenRefreshWindow, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero)
            {
                target.Auth.TokenRefreshWindow = parsed;
            }
            else
            {
                problems.Add($"'{tokenRefreshWindow}' at configuration key '{ConfigurationPath.Combine(auth.Path, "TokenRefreshWindow")}' is not a time span such as 00:05:00.");
            }
        }

        var identityPool = auth.GetSection("IdentityPool");
        if (identityPool.Exists())
        {
            CheckKeys(identityPool, ConfigurationKeySet.SectionIdentityPool, problems, notices);
            var pool = target.Auth.IdentityPool ?? new CognitoIdentityPoolOptions();
            pool.PoolId = Blank(identityPool["PoolId"]) ?? pool.PoolId;
            pool.Region = Blank(identityPool["Region"]) ?? pool.Region;
            pool.Endpoint = ReadUri(identityPool, "Endpoint", problems) ?? pool.Endpoint;
            pool.UnauthenticatedRoleArn = Blank(identityPool["UnauthenticatedRoleArn"]) ?? pool.UnauthenticatedRoleArn;
            pool.AuthenticatedRoleArn = Blank(identityPool["AuthenticatedRoleArn"]) ?? pool.AuthenticatedRoleArn;
            pool.StsEndpoint = ReadUri(identityPool, "StsEndpoint", problems) ?? pool.StsEndpoint;
            target.Auth.IdentityPool = pool;
        }

        var credentials = section.GetSection("Credentials");
        if (credentials.Exists())
        {
            CheckKeys(credentials, ConfigurationKeySet.SectionCredentials, problems, notices);
            target.Credentials.AccessKeyId = Blank(credentials["AccessKeyId"]) ?? target.Credentials.AccessKeyId;
            target.Credentials.SecretAccessKey = Blank(credentials["SecretAccessKey"]) ?? target.Credentials.SecretAccessKey;
            target.Credentials.SessionToken = Blank(credentials["SessionToken"]) ?? target.Credentials.SessionToken;
            var useSdk = Blank(credentials["UseAwsSdkCredentialChain"]);
            if (useSdk is not null)
            {
                if (bool.TryParse(useSdk, out var use))
                {
                    target.Credentials.UseAwsSdkCredentialChain = use;
                }
                else
                {
                    problems.Add($"'{useSdk}' at configuration key '{ConfigurationPath.Combine(credentials.Path, "UseAwsSdkCredentialChain")}' is not true or false.");
                }
            }

            var window = Blank(credentials["RefreshWindow"]);
            if (window is not null)
            {
                if (TimeSpan.TryParse(window, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero)
                {
                    target.Credentials.RefreshWindow = parsed;
                }
                else
                {
                    problems.Add($"'{window}' at configuration key '{ConfigurationPath.Combine(credentials.Path, "RefreshWindow")}' is not a time span such as 00:05:00.");
                }
            }
        }

        if (!endpoints.Exists() && !auth.Exists() && !credentials.Exists())
        {
            problems.Add($"Configuration section '{sectionPath}' has no 'Endpoints' or 'Auth'; check the section name passed to AddAmplifyRestApi.");
        }
    }

    /// <summary>Keys match whatever their case in IConfiguration, so only unknown keys can be found here.</summary>
    private static void CheckKeys(IConfiguration section, ConfigurationKeySet keys, List<string> problems, AmplifyConfigurationNotices notices) =>
        ConfigurationKeyCheck.Check(section.GetChildren().Select(child => child.Key), keys, caseSensitive: false, warnUnknown: true,
            key => $"configuration key '{(section is IConfigurationSection named ? ConfigurationPath.Combine(named.Path, key) : key)}'", problems, notices);

    private static Uri? ReadUri(IConfigurationSection section, string key, List<string> problems)
    {
        var value = Blank(section[key]);
        if (value is null)
        {
            return null;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return uri;
        }

        problems.Add($"'{value}' at configuration key '{ConfigurationPath.Combine(section.Path, key)}' is not an absolute URI.");
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
