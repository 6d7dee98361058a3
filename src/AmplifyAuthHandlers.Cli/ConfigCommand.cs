using System.CommandLine;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// <c>amplify-rest config check [FILE]</c>: validates a configuration as the library does and lists its endpoints,
/// their auth modes and where their credentials will come from. Keys and secrets are reported present, never shown.
/// </summary>
internal static class ConfigCommand
{
    public static Command Create(CliConsole console, Option<bool> debug)
    {
        var file = new Argument<string?>("FILE") { Description = "The configuration. Default: ./amplifyconfiguration.json, then ./amplify_outputs.json.", Arity = ArgumentArity.ZeroOrOne };
        var check = new Command("check", "Validate a configuration and list its endpoints, auth modes and credential sources.") { file };
        check.SetAction((parse, cancellationToken) =>
            CliErrors.RunAsync(console, parse.GetValue(debug), () => Task.FromResult(Check(ConfigFileLocator.Locate(parse.GetValue(file), console), console))));
        return new Command("config", "Work with Amplify configuration files.") { check };
    }

    internal static int Check(string path, CliConsole console)
    {
        AmplifyRestApiOptions options;
        try
        {
            options = CliServices.LoadOptions(path, console);
        }
        catch (AmplifyConfigurationException ex)
        {
            console.Error.WriteLine($"amplify-rest: {path} is invalid ({ex.Problems.Count} problem{(ex.Problems.Count == 1 ? string.Empty : "s")}):");
            foreach (var problem in ex.Problems)
            {
                console.Error.WriteLine(" - " + problem);
            }

            return CliExitCodes.Usage;
        }

        var output = console.Out;
        output.WriteLine($"{path}: valid, {options.Endpoints.Count} REST endpoint{(options.Endpoints.Count == 1 ? string.Empty : "s")}");
        if (options.Auth.UserPool is { } pool)
        {
            output.WriteLine($"user pool:     {pool.PoolId} (region {pool.Region ?? "?"}, {pool.AuthenticationFlowType}{(string.IsNullOrEmpty(pool.AppClientSecret) ? string.Empty : ", app client secret present")}){(pool.Endpoint is { } e ? " at " + e : string.Empty)}");
        }

        if (options.Auth.IdentityPool is { } identity)
        {
            output.WriteLine($"identity pool: {identity.PoolId} (region {identity.Region ?? "?"}){(identity.Endpoint is { } e ? " at " + e : string.Empty)}");
        }

        output.WriteLine();
        var table = new TextTable("API", "AUTH", "ENDPOINT", "CREDENTIALS");
        foreach (var (name, endpoint) in options.Endpoints.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            table.Add(name, AuthModeNames.Of(endpoint.AuthorizationType), endpoint.Endpoint?.ToString() ?? "?", CredentialSource(endpoint, options));
        }

        table.WriteTo(output, console.UseColor);
        return CliExitCodes.Success;
    }

    internal static string CredentialSource(AmplifyRestEndpointOptions endpoint, AmplifyRestApiOptions options)
    {
        var source = endpoint.AuthorizationType switch
        {
            AmplifyAuthorizationType.None => "none",
            AmplifyAuthorizationType.ApiKey => string.IsNullOrEmpty(endpoint.ApiKey) ? "API key MISSING" : "API key (present, not shown)",
            AmplifyAuthorizationType.AwsIam => IamSource(options),
            AmplifyAuthorizationType.AmazonCognitoUserPools =>
                $"user pool {options.Auth.UserPool?.PoolId ?? "(none configured)"}: {(endpoint.TokenType == AmplifyUserPoolTokenType.Id ? "ID" : "access")} token of the signed-in user (--username)",
            AmplifyAuthorizationType.OpenIdConnect => "token provider needed (AddOidcTokenProvider<T>() in an app); amplify-rest: $AMPLIFY_TOKEN or the signed-in user's ID token",
            AmplifyAuthorizationType.AwsLambda => "token provider needed (AddFunctionTokenProvider(...) in an app); amplify-rest: $AMPLIFY_TOKEN or the signed-in user's ID token",
            _ => "?",
        };
        return endpoint.AuthorizationType != AmplifyAuthorizationType.ApiKey && !string.IsNullOrEmpty(endpoint.ApiKey)
            ? source + "; plus x-api-key (present, not shown)"
            : source;
    }

    private static string IamSource(AmplifyRestApiOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Credentials.AccessKeyId))
        {
            return $"static keys {options.Credentials.AccessKeyId} (secret present, not shown)";
        }

        if (options.Auth.IdentityPool?.PoolId is { Length: > 0 } poolId)
        {
            return $"identity pool {poolId}: guest (unauthenticated role); signed in with --username: authenticated role";
        }

        return "AWS SDK credential chain (environment, profile, SSO, web identity, ECS, EC2)";
    }
}
