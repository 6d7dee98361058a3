using System.Net;

namespace AmplifyAuthHandlers.Testing;

/// <summary>A fault queued for the next calls of one operation.</summary>
internal sealed class LocalCognitoFault(int count, string? errorType, HttpStatusCode? status, TimeSpan delay, string? message)
{
    public int Remaining { get; set; } = count;

    public string? ErrorType { get; } = errorType;

    public HttpStatusCode? Status { get; } = status;

    public TimeSpan Delay { get; } = delay;

    public string? Message { get; } = message;

    /// <summary>Gets whether the call fails (rather than only being delayed).</summary>
    public bool Fails => ErrorType is not null || Status is not null;
}
