namespace AmplifyAuthHandlers.Cli;

/// <summary>What the wire tap saw: the last response's status line and headers (for -i), and -v's trace writer.</summary>
internal sealed class WireLog
{
    /// <summary>Gets or sets where -v writes (stderr), or <see langword="null"/> when -v is off.</summary>
    public TextWriter? Verbose { get; set; }

    /// <summary>Gets or sets the status line and headers of the last answer received.</summary>
    public WireResponse? LastResponse { get; set; }

    /// <summary>Gets or sets the number of requests sent (retries count).</summary>
    public int Attempts { get; set; }
}
