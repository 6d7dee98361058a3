namespace Samples.Worker;

/// <summary>One call the worker made: what it was, as whom, and what the API answered.</summary>
/// <param name="Step">What the call shows, e.g. <c>guest AWS_IAM</c>.</param>
/// <param name="IdentityId">The Cognito identity the session had when the call was made (no secret).</param>
/// <param name="StatusCode">The HTTP status the API answered.</param>
/// <param name="Body">The response body (an API's answer; the library never puts a credential in it).</param>
public sealed record WorkerCall(string Step, string? IdentityId, int StatusCode, string Body);
