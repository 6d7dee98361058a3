using System.Globalization;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// amplify-rest's primary handler for every endpoint: it runs after the library's handlers, so it sees each attempt
/// exactly as sent, auth headers included (the library strips them again once an attempt returns, so an outer
/// handler would not). For -v it prints the request, redacted, with the SigV4 texts; for -i it keeps the response.
/// </summary>
internal sealed class WireTapHandler(WireLog log) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        log.Attempts++;
        if (log.Tamper is { } tamper)
        {
            await tamper(request, cancellationToken).ConfigureAwait(false);
        }

        if (log.Verbose is { } verbose)
        {
            await WriteRequestAsync(verbose, request, cancellationToken).ConfigureAwait(false);
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        log.LastResponse = WireResponse.From(response);
        if (log.Verbose is { } after)
        {
            log.LastResponse.WriteTo(after, "< ");
        }

        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("amplify-rest sends asynchronously.");

    private static async Task WriteRequestAsync(TextWriter writer, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        await writer.WriteLineAsync($"> {request.Method} {uri.PathAndQuery} HTTP/{request.Version.Major}.{request.Version.Minor}").ConfigureAwait(false);
        await writer.WriteLineAsync($"> Host: {request.Headers.Host ?? uri.Authority}").ConfigureAwait(false);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (!name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                await writer.WriteLineAsync($"> {name}: {Redaction.Header(name, values.ToString())}").ConfigureAwait(false);
            }
        }

        if (request.Content is { } content)
        {
            _ = content.Headers.ContentLength;
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                await writer.WriteLineAsync($"> {name}: {values}").ConfigureAwait(false);
            }
        }

        await writer.WriteLineAsync(">").ConfigureAwait(false);
        if (await SigV4Explainer.ExplainAsync(request, cancellationToken).ConfigureAwait(false) is { } sigv4)
        {
            await writer.WriteLineAsync("* SigV4 canonical request:").ConfigureAwait(false);
            await WriteIndentedAsync(writer, sigv4.CanonicalRequest).ConfigureAwait(false);
            await writer.WriteLineAsync("* SigV4 string to sign:").ConfigureAwait(false);
            await WriteIndentedAsync(writer, sigv4.StringToSign).ConfigureAwait(false);
            if (!sigv4.SignedHeadersMatch)
            {
                await writer.WriteLineAsync("* note: the signer would sign other headers than the request's SignedHeaders; a header changed after signing.").ConfigureAwait(false);
            }
        }

        if (request.Content?.Headers.ContentLength is { } length)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"* request body: {length} bytes")).ConfigureAwait(false);
        }
    }

    private static async Task WriteIndentedAsync(TextWriter writer, string text)
    {
        foreach (var line in text.Split('\n'))
        {
            await writer.WriteLineAsync("*   " + line).ConfigureAwait(false);
        }
    }
}
