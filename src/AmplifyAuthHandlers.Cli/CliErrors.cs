namespace AmplifyAuthHandlers.Cli;

/// <summary>Turns an exception into one line on stderr and an exit code; the stack trace only with --debug.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(CliConsole console, bool debug, Func<Task<int>> command)
    {
        try
        {
            return await command().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var code = ex switch
            {
                CliUsageException or AmplifyConfigurationException => CliExitCodes.Usage,
                AmplifyHttpStatusException => CliExitCodes.HttpError,
                _ => CliExitCodes.Failure,
            };
            await console.Error.WriteLineAsync("amplify-rest: " + OneLine(ex)).ConfigureAwait(false);
            if (debug)
            {
                await console.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }

    /// <summary>The library's message on one line (a multi-problem configuration message lists its problems with "; ").</summary>
    public static string OneLine(Exception ex)
    {
        var message = ex switch
        {
            AmplifyConfigurationException { Problems.Count: > 1 } config => $"Amplify REST API configuration is invalid ({config.Problems.Count} problems): {string.Join("; ", config.Problems)}",
            OperationCanceledException => "Cancelled.",
            HttpRequestException { InnerException: { } inner } http when http.Message.Length == 0 => inner.Message,
            _ => ex.Message,
        };
        return string.Join(' ', message.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

}
