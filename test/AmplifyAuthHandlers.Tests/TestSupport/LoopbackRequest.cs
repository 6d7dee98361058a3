namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>One request as a <see cref="LoopbackServer"/> received it: method, path with query, headers (any case) and body.</summary>
internal sealed record LoopbackRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
