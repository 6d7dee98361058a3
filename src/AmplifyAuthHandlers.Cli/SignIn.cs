using System.Text.Json;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// --username: reuse the kept session when it is that user's (the library refreshes it), else sign in with the
/// password from AMPLIFY_PASSWORD or a hidden prompt. The password is never an argument and never printed.
/// </summary>
internal static class SignIn
{
    public static async Task EnsureAsync(CliServices services, string username, CliConsole console, CancellationToken cancellationToken)
    {
        if (services.TokenStore is not { } store)
        {
            throw new CliUsageException($"--username needs a Cognito user pool in '{services.ConfigPath}' (auth.plugins.awsCognitoAuthPlugin.CognitoUserPool, or auth.user_pool_id).");
        }

        if (await store.LoadAsync(cancellationToken).ConfigureAwait(false) is { } kept
            && string.Equals(UsernameOf(kept.IdToken), username, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var password = console.GetEnvironmentVariable(CallCommand.PasswordVariable);
        if (password is null)
        {
            if (console.IsInputRedirected)
            {
                throw new CliUsageException($"No password to sign in '{username}': set {CallCommand.PasswordVariable} (stdin is not a terminal, so amplify-rest cannot prompt).");
            }

            password = console.ReadSecret($"Password for {username}: ");
            if (string.IsNullOrEmpty(password))
            {
                throw new CliUsageException($"No password given for '{username}'.");
            }
        }

        var result = await services.Auth.SignInAsync(username, password, cancellationToken).ConfigureAwait(false);
        if (!result.IsSignedIn)
        {
            throw new AmplifyAuthException($"Signing in '{username}' needs a further step ({result.NextStep}) that amplify-rest does not answer; finish it in your app, or use a user without it.");
        }
    }

    /// <summary>The <c>cognito:username</c> (or <c>username</c>) claim of a JWT, read without verifying it (the token is our own).</summary>
    internal static string? UsernameOf(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload));
            foreach (var claim in (string[])["cognito:username", "username"])
            {
                if (document.RootElement.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }

        return null;
    }
}
