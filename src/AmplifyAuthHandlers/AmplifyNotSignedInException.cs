namespace AmplifyAuthHandlers;

/// <summary>
/// An endpoint needs a signed-in user (or, when forwarding, a caller's token) and there is none.
/// Thrown before the request is sent.
/// </summary>
public sealed class AmplifyNotSignedInException : AmplifyAuthException
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">Which endpoint needed a user and how to sign in; never a token.</param>
    public AmplifyNotSignedInException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">Which endpoint needed a user and how to sign in; never a token.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public AmplifyNotSignedInException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public AmplifyNotSignedInException()
        : base("No user is signed in. Sign in before calling an endpoint that needs a user-pool token.")
    {
    }

    /// <summary>The message for an endpoint that found no signed-in user.</summary>
    internal static AmplifyNotSignedInException ForEndpoint(string endpointName, string authorizationType, string remedy) =>
        new($"Endpoint '{endpointName}' ({authorizationType}) needs a signed-in user, and there is none; the request was not sent. {remedy}");
}
