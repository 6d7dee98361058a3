namespace AmplifyAuthHandlers.Cli;

/// <summary>The exit codes of amplify-rest, as curl's where they overlap.</summary>
internal static class CliExitCodes
{
    /// <summary>A 2xx answer, or a command that did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Anything else: network, sign-in, credentials.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or an invalid configuration.</summary>
    public const int Usage = 2;

    /// <summary>The API answered with an HTTP error status (as <c>curl -f</c>).</summary>
    public const int HttpError = 22;
}
