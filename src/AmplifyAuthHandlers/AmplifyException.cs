namespace AmplifyAuthHandlers;

/// <summary>
/// The base of every exception this library throws on purpose. Messages say what was wrong, where
/// (endpoint name, configuration key or JSON path) and how to fix it; they never carry a secret.
/// </summary>
public class AmplifyException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    public AmplifyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong, where, and how to fix it.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AmplifyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public AmplifyException()
        : base("An AmplifyAuthHandlers operation failed.")
    {
    }
}
