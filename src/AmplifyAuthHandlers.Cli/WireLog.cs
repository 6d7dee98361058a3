namespace AmplifyAuthHandlers.Cli;

/// <summary>What the wire tap saw: the last response's status line and headers (for -i), and -v's trace writer.</summary>
internal sealed class WireLog
{
    /// <summary>Gets or sets where -v writes (stderr), or <see langword="null"/> when -v is off.</summary>
    public TextWriter? Verbose { get; set; }

    /// <summary>Gets or sets the status line and headers of the last answer received.</summary>
    public WireResponse? LastResponse { get; set; }

    /// <summary>
    /// Gets or sets a change made to each request after the library signed it and before it is sent. Only the demo
    /// sets it, to show a tampered request being refused.
    /// </summary>
    public Func<HttpRequestMessage, CancellationToken, Task>? Tamper { get; set; }

    /// <summary>Gets or sets the number of requests sent (retries count).</summary>
    public int Attempts { get; set; }
}
