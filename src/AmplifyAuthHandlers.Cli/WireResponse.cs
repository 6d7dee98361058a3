namespace AmplifyAuthHandlers.Cli;

/// <summary>A response as received: <c>HTTP/1.1 200 OK</c> and its headers, content headers included.</summary>
internal sealed record WireResponse(string StatusLine, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public static WireResponse From(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            headers.Add(new(name, values.ToString()));
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            headers.Add(new(name, values.ToString()));
        }

        var line = $"HTTP/{response.Version.Major}.{response.Version.Minor} {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        return new WireResponse(line, headers);
    }

    public void WriteTo(TextWriter writer, string prefix)
    {
        writer.WriteLine(prefix + StatusLine);
        foreach (var (name, value) in Headers)
        {
            writer.WriteLine($"{prefix}{name}: {value}");
        }

        writer.WriteLine(prefix.TrimEnd());
    }
}
