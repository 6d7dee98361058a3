namespace AmplifyAuthHandlers.Testing;

/// <summary>One request a <see cref="LocalCognito"/> answered.</summary>
/// <param name="Operation">The operation (<c>InitiateAuth</c>, <c>GetId</c>, …) from <c>X-Amz-Target</c>.</param>
/// <param name="StatusCode">The HTTP status answered.</param>
/// <param name="ErrorType">The <c>__type</c> of the error answered, or <see langword="null"/> on success.</param>
/// <param name="Detail">A non-secret detail: the auth flow or challenge name, when there is one.</param>
public sealed record LocalCognitoCall(string Operation, int StatusCode, string? ErrorType, string? Detail)
{
    /// <summary>Gets whether the call succeeded.</summary>
    /// <value><see langword="true"/> when no error was answered.</value>
    public bool Succeeded => ErrorType is null;
}
