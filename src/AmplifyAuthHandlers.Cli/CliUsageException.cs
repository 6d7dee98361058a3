namespace AmplifyAuthHandlers.Cli;

/// <summary>A problem with the command line or the configuration file: exit code 2, the message on one line.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public CliUsageException()
    {
    }
}
