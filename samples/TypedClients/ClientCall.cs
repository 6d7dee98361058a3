namespace Samples.TypedClients;

/// <summary>One call a client made and what the API answered.</summary>
/// <param name="Client">The client that made it.</param>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Body">The response body.</param>
public sealed record ClientCall(string Client, int StatusCode, string Body);
