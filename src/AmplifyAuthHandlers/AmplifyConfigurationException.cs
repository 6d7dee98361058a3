namespace AmplifyAuthHandlers;

/// <summary>
/// The Amplify configuration is unusable: a file is missing or malformed, an endpoint is not configured,
/// or a value is invalid. <see cref="Problems"/> lists every problem, each naming the endpoint and the key or JSON path.
/// </summary>
public sealed class AmplifyConfigurationException : AmplifyException
{
    /// <summary>Creates the exception from the list of problems.</summary>
    /// <param name="problems">Each problem, naming what was wrong and where.</param>
    /// <param name="innerException">The exception that reported the problems, if any.</param>
    public AmplifyConfigurationException(IReadOnlyList<string> problems, Exception? innerException = null)
        : base(Format(problems), innerException)
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found, one per entry.</summary>
    /// <value>Never empty.</value>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"Amplify REST API configuration is invalid: {problems[0]}"
            : $"Amplify REST API configuration is invalid ({problems.Count} problems):{Environment.NewLine} - {string.Join(Environment.NewLine + " - ", problems)}";
    }
}
