using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// <c>amplify-rest &lt;METHOD&gt; &lt;api&gt; &lt;path&gt;</c>: one request through <see cref="IAmplifyRestApi"/>, signed or
/// authorized as the configuration says; the body to stdout; 0 on 2xx, 22 on an HTTP error status.
/// </summary>
internal sealed class CallCommand
{
    public const string PasswordVariable = "AMPLIFY_PASSWORD";

    private readonly Argument<string> _method = new("METHOD") { Description = "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS." };
    private readonly Argument<string> _api = new("api") { Description = "The REST API's name in the configuration." };
    private readonly Argument<string> _path = new("path") { Description = "The path below the API's stage, e.g. /items/1." };
    private readonly Option<string?> _config = CliOptions.Config();
    private readonly Option<string[]> _headers = new("--header", "-H") { Description = "A request header, 'Name: value' (repeatable).", HelpName = "'Name: value'" };
    private readonly Option<string?> _data = new("--data", "-d") { Description = "The request body; @FILE reads it from a file.", HelpName = "DATA" };
    private readonly Option<string[]> _query = new("--query") { Description = "A query parameter k=v (repeatable).", HelpName = "k=v" };
    private readonly Option<string?> _username = new("--username") { Description = $"Sign in as this user-pool user (password from {PasswordVariable} or a hidden prompt); the session is kept for later calls.", HelpName = "U" };
    private readonly Option<bool> _include = new("--include", "-i") { Description = "Print the status line and response headers before the body." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Print what was sent to stderr, secrets redacted; for AWS_IAM the canonical request and string to sign." };
    private readonly CliConsole _console;

    private CallCommand(CliConsole console) => _console = console;

    public static void AddTo(RootCommand root, CliConsole console, Option<bool> debug)
    {
        var command = new CallCommand(console);
        root.Add(command._method);
        root.Add(command._api);
        root.Add(command._path);
        root.Add(command._config);
        root.Add(command._headers);
        root.Add(command._data);
        root.Add(command._query);
        root.Add(command._username);
        root.Add(command._include);
        root.Add(command._verbose);
        root.SetAction((parse, cancellationToken) =>
            CliErrors.RunAsync(console, parse.GetValue(debug), () => command.RunAsync(parse, cancellationToken)));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var method = ParseMethod(parse.GetValue(_method)!);
        var api = parse.GetValue(_api)!;
        var path = parse.GetValue(_path)!;
        var options = BuildRequestOptions(parse);
        var configPath = ConfigFileLocator.Locate(parse.GetValue(_config), _console);
        var wire = new WireLog { Verbose = parse.GetValue(_verbose) ? _console.Error : null };
        var services = CliServices.Create(configPath, _console, wire);
        await using var disposeServices = services.ConfigureAwait(false);
        if (parse.GetValue(_username) is { } username)
        {
            await SignIn.EnsureAsync(services, username, _console, cancellationToken).ConfigureAwait(false);
        }

        var include = parse.GetValue(_include);
        try
        {
            using var response = await services.RestApi.SendAsync(method, api, path, options, cancellationToken).ConfigureAwait(false);
            if (include)
            {
                (wire.LastResponse ?? WireResponse.From(response)).WriteTo(_console.Out, string.Empty);
            }

            await WriteBodyAsync(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return CliExitCodes.Success;
        }
        catch (AmplifyHttpStatusException ex)
        {
            if (include && wire.LastResponse is { } last)
            {
                last.WriteTo(_console.Out, string.Empty);
            }

            await WriteBodyAsync(ex.Body).ConfigureAwait(false);
            await _console.Error.WriteLineAsync("amplify-rest: " + CliErrors.OneLine(ex)).ConfigureAwait(false);
            return CliExitCodes.HttpError;
        }
    }

    private async Task WriteBodyAsync(string body)
    {
        await _console.Out.WriteAsync(body).ConfigureAwait(false);
        if (!_console.IsOutputRedirected && body.Length > 0 && !body.EndsWith('\n'))
        {
            await _console.Out.WriteLineAsync().ConfigureAwait(false);
        }
    }

    private static HttpMethod ParseMethod(string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiLetter))
        {
            throw new CliUsageException($"'{text}' is not an HTTP method; use GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.");
        }

        return HttpMethod.Parse(text.ToUpperInvariant());
    }

    private AmplifyRequestOptions BuildRequestOptions(ParseResult parse)
    {
        var options = new AmplifyRequestOptions();
        string? contentType = null;
        foreach (var header in parse.GetValue(_headers) ?? [])
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new CliUsageException($"-H '{header}' is not 'Name: value'.");
            }

            var name = header[..colon].Trim();
            var value = header[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                options.Headers[name] = value;
            }
        }

        foreach (var pair in parse.GetValue(_query) ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"--query '{pair}' is not k=v.");
            }

            options.QueryParameters.Add(new(pair[..equals], pair[(equals + 1)..]));
        }

        if (parse.GetValue(_data) is { } data)
        {
            var bytes = ReadData(data);
            options.Body = AmplifyRestBody.FromBytes(bytes, contentType ?? GuessContentType(bytes));
        }
        else if (contentType is not null)
        {
            throw new CliUsageException("-H 'Content-Type: …' needs a body (-d).");
        }

        return options;
    }

    private byte[] ReadData(string data)
    {
        if (!data.StartsWith('@'))
        {
            return Encoding.UTF8.GetBytes(data);
        }

        var path = _console.FullPath(data[1..]);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"-d @{data[1..]}: cannot read '{path}': {ex.Message}", ex);
        }
    }

    private static string GuessContentType(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return "application/json";
        }
        catch (JsonException)
        {
            return "text/plain; charset=utf-8";
        }
    }
}
