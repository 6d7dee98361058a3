namespace AmplifyAuthHandlers.Cognito;

/// <summary>
/// The Secure Remote Password exchange of a Cognito <c>USER_SRP_AUTH</c> sign-in cannot continue: the challenge parameters Cognito sent are missing or invalid (for example <c>SRP_B</c> is zero modulo N). The message never contains the password.
/// </summary>
public sealed class CognitoSrpException : AmplifyException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What was wrong.</param>
    public CognitoSrpException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CognitoSrpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public CognitoSrpException()
        : base("The Cognito SRP exchange failed.")
    {
    }
}
