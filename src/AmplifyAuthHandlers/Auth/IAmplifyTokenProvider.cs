namespace AmplifyAuthHandlers;

/// <summary>
/// Supplies the token sent in <c>Authorization</c> to <c>OPENID_CONNECT</c> and <c>AWS_LAMBDA</c> endpoints.
/// Register one with <c>AddOidcTokenProvider&lt;T&gt;()</c>; it is a singleton shared by every request
/// (handlers are pooled), so it must be thread-safe and must not depend on scoped services.
/// </summary>
public interface IAmplifyTokenProvider
{
    /// <summary>Returns the token for one request.</summary>
    /// <param name="context">Which endpoint the token is for, and whether the endpoint just rejected the previous one.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The token, sent as it is (or after <c>Bearer </c> when the endpoint's <c>BearerPrefix</c> is set).
    /// <see langword="null"/> or empty fails the request with <see cref="AmplifyAuthException"/> before it is sent;
    /// throw <see cref="AmplifyNotSignedInException"/> to say that there is no user.
    /// </returns>
    ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken);
}
