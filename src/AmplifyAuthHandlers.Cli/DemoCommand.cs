using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using AmplifyAuthHandlers.Testing;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// <c>amplify-rest demo</c>: starts a <see cref="LocalAmplifyBackend"/> (Cognito + API Gateway on 127.0.0.1), writes its
/// amplifyconfiguration.json to a temporary folder, and calls one API per auth mode through the library exactly as
/// the call command does; then sends a request whose body is changed after signing and shows it refused.
/// Offline, nothing kept: the token file lives in the temporary folder, deleted at the end.
/// </summary>
internal static class DemoCommand
{
    public const string TamperedBody = """{"amount":999}""";
    public const string SignedBody = """{"amount":100}""";

    public static Command Create(CliConsole console, Option<bool> debug)
    {
        var command = new Command("demo", "Run every auth mode against a local Amplify backend (offline, a few seconds), and a tampered request.");
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(console, parse.GetValue(debug), () => RunAsync(console, cancellationToken)));
        return command;
    }

    internal static async Task<int> RunAsync(CliConsole console, CancellationToken cancellationToken)
    {
        var output = console.Out;
        var color = console.UseColor;
        var folder = Directory.CreateTempSubdirectory("amplify-rest-demo-").FullName;
        try
        {
            var started = console.TimeProvider.GetTimestamp();
            var backend = await LocalAmplifyBackend.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var disposeBackend = backend.ConfigureAwait(false);
            var configPath = backend.WriteAmplifyConfiguration(Path.Combine(folder, ConfigFileLocator.Gen1FileName));
            var user = backend.Users[0];
            await output.WriteLineAsync(Styled(color, Ansi.Bold, "amplify-rest demo") + ": a local Amplify backend on 127.0.0.1, called through AmplifyAuthHandlers").ConfigureAwait(false);
            await output.WriteLineAsync($"  backend  Cognito user pool {backend.Cognito.UserPoolId}, identity pool {backend.Cognito.IdentityPoolId}, 6 REST APIs (stage {backend.Stage}), started in {Ms(console, started)} ms").ConfigureAwait(false);
            await output.WriteLineAsync($"  config   {configPath}").ConfigureAwait(false);

            var demoConsole = new CliConsole
            {
                Out = console.Out,
                Error = console.Error,
                CurrentDirectory = folder,
                HomeDirectory = folder,
                TimeProvider = console.TimeProvider,
                IsOutputRedirected = console.IsOutputRedirected,
                Environment = new Dictionary<string, string>(StringComparer.Ordinal),
            };
            var wire = new WireLog();
            var services = CliServices.Create(configPath, demoConsole, wire);
            await using var disposeServices = services.ConfigureAwait(false);

            var rows = new List<DemoRow>
            {
                await CallAsync(services, demoConsole, "NONE", LocalAmplifyEndpointNames.None, cancellationToken).ConfigureAwait(false),
                await CallAsync(services, demoConsole, "API_KEY", LocalAmplifyEndpointNames.ApiKey, cancellationToken).ConfigureAwait(false),
                await CallAsync(services, demoConsole, "AWS_IAM (guest)", LocalAmplifyEndpointNames.Iam, cancellationToken).ConfigureAwait(false),
            };

            var signInStarted = console.TimeProvider.GetTimestamp();
            var signIn = await services.Auth.SignInAsync(user.Username, user.Password, cancellationToken).ConfigureAwait(false);
            var signInMs = Ms(console, signInStarted);
            await output.WriteLineAsync($"  sign-in  {user.Username}: {(signIn.IsSignedIn ? "signed in" : "needs " + signIn.NextStep)} ({services.Options.Auth.UserPool?.AuthenticationFlowType}) in {signInMs} ms").ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);

            rows.Add(await CallAsync(services, demoConsole, "AWS_IAM (signed in)", LocalAmplifyEndpointNames.Iam, cancellationToken).ConfigureAwait(false));
            rows.Add(await CallAsync(services, demoConsole, "AMAZON_COGNITO_USER_POOLS", LocalAmplifyEndpointNames.UserPools, cancellationToken).ConfigureAwait(false));
            rows.Add(await CallAsync(services, demoConsole, "OPENID_CONNECT", LocalAmplifyEndpointNames.Oidc, cancellationToken).ConfigureAwait(false));
            rows.Add(await CallAsync(services, demoConsole, "AWS_LAMBDA", LocalAmplifyEndpointNames.Lambda, cancellationToken).ConfigureAwait(false));

            var table = new TextTable("MODE", "API", "STATUS", "VERIFIED BY THE GATEWAY (principal / role)", "MS");
            foreach (var row in rows)
            {
                table.Add(row.Mode, row.Api, row.Status, row.Verified, row.Milliseconds.ToString(CultureInfo.InvariantCulture));
            }

            table.WriteTo(output, color, (column, cell) => column == 2 ? (cell.StartsWith('2') ? Ansi.Green : Ansi.Red) : null);

            var refused = await TamperAsync(services, wire, output, color, cancellationToken).ConfigureAwait(false);
            var allPassed = rows.TrueForAll(r => r.Succeeded) && refused;
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(allPassed
                ? Styled(color, Ansi.Green, "All six auth modes authorized; the tampered request was refused.")
                : Styled(color, Ansi.Red, "Something did not behave as expected (see above).")).ConfigureAwait(false);
            return allPassed ? CliExitCodes.Success : CliExitCodes.Failure;
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless; the token file in it expires with the demo's pools.
            }
        }
    }

    private static async Task<DemoRow> CallAsync(CliServices services, CliConsole console, string mode, string api, CancellationToken cancellationToken)
    {
        var started = console.TimeProvider.GetTimestamp();
        try
        {
            using var response = await services.RestApi.GetAsync(api, "/items", cancellationToken: cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new DemoRow(mode, api, StatusText(response.StatusCode), Verified(body), Ms(console, started), Succeeded: true);
        }
        catch (AmplifyHttpStatusException ex)
        {
            return new DemoRow(mode, api, StatusText(ex.StatusCode) + (ex.ErrorType is { } type ? " " + type : string.Empty), "-", Ms(console, started), Succeeded: false);
        }
        catch (AmplifyException ex)
        {
            return new DemoRow(mode, api, "failed", CliErrors.OneLine(ex), Ms(console, started), Succeeded: false);
        }
    }

    private static async Task<bool> TamperAsync(CliServices services, WireLog wire, TextWriter output, bool color, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(Styled(color, Ansi.Bold, "Tampered request") + $": POST {LocalAmplifyEndpointNames.Iam} /transfer, signed with body {SignedBody}, sent with {TamperedBody}").ConfigureAwait(false);
        wire.Tamper = static (request, _) =>
        {
            var contentType = request.Content?.Headers.ContentType;
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(TamperedBody));
            request.Content.Headers.ContentType = contentType;
            return Task.CompletedTask;
        };
        try
        {
            var options = new AmplifyRequestOptions { Body = AmplifyRestBody.FromBytes(Encoding.UTF8.GetBytes(SignedBody), "application/json") };
            using var response = await services.RestApi.PostAsync(LocalAmplifyEndpointNames.Iam, "/transfer", options, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(Styled(color, Ansi.Red, $"  gateway  {StatusText(response.StatusCode)}: accepted (it should not have)")).ConfigureAwait(false);
            return false;
        }
        catch (AmplifyHttpStatusException ex)
        {
            await output.WriteLineAsync($"  gateway  {Styled(color, Ansi.Red, StatusText(ex.StatusCode))} {ex.ErrorType}: {GatewayMessage(ex.Body)}").ConfigureAwait(false);
            await output.WriteLineAsync($"  library  {ex.GetType().Name}: {CliErrors.OneLine(ex)}").ConfigureAwait(false);
            return ex.StatusCode == HttpStatusCode.Forbidden && ex.ErrorType == "InvalidSignatureException";
        }
        finally
        {
            wire.Tamper = null;
        }
    }

    /// <summary>The first sentence of the gateway's <c>{"message": …}</c> (the rest quotes the canonical request).</summary>
    private static string GatewayMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
            {
                var end = text.IndexOf(". ", StringComparison.Ordinal);
                return end > 0 ? text[..(end + 1)] : text;
            }
        }
        catch (JsonException)
        {
            // Not the gateway's JSON: show nothing rather than a body that may be long.
        }

        return "(no message)";
    }

    private static string Verified(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var principal = document.RootElement.TryGetProperty("principal", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var role = document.RootElement.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            if (principal is null && role is null)
            {
                var mode = document.RootElement.TryGetProperty("authorizationType", out var a) ? a.GetString() : null;
                return mode == "API_KEY" ? "x-api-key matched the API's key" : "(no authorization)";
            }

            return $"{principal ?? "-"} / {role ?? "-"}";
        }
        catch (JsonException)
        {
            return "?";
        }
    }

    private static string StatusText(HttpStatusCode status) => ((int)status).ToString(CultureInfo.InvariantCulture);

    private static long Ms(CliConsole console, long started) => (long)console.TimeProvider.GetElapsedTime(started).TotalMilliseconds;

    private static string Styled(bool color, string code, string text) => color ? code + text + Ansi.Reset : text;

    private sealed record DemoRow(string Mode, string Api, string Status, string Verified, long Milliseconds, bool Succeeded);
}
