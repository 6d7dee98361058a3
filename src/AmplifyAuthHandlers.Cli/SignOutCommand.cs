using System.CommandLine;

namespace AmplifyAuthHandlers.Cli;

/// <summary><c>amplify-rest sign-out [--config FILE] [--global]</c>: ends the kept session and deletes its token file.</summary>
internal static class SignOutCommand
{
    public static Command Create(CliConsole console, Option<bool> debug)
    {
        var config = CliOptions.Config();
        var global = new Option<bool>("--global") { Description = "Also sign out every session of the user at Cognito and revoke the refresh token." };
        var command = new Command("sign-out", "Sign out: forget the session kept for this configuration's user pool.") { config, global };
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(debug), async () =>
        {
            var path = ConfigFileLocator.Locate(parse.GetValue(config), console);
            var services = CliServices.Create(path, console, new WireLog());
            await using var disposeServices = services.ConfigureAwait(false);
            if (services.TokenStore is not { } store)
            {
                throw new CliUsageException($"'{path}' has no Cognito user pool, so there is no session to sign out of.");
            }

            if (!File.Exists(store.FilePath))
            {
                await console.Out.WriteLineAsync("Not signed in.").ConfigureAwait(false);
                return CliExitCodes.Success;
            }

            await services.Auth.SignOutAsync(parse.GetValue(global), cancellationToken).ConfigureAwait(false);
            await console.Out.WriteLineAsync($"Signed out; removed {store.FilePath}.").ConfigureAwait(false);
            return CliExitCodes.Success;
        }));
        return command;
    }
}
