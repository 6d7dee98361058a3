using System.Diagnostics.CodeAnalysis;

namespace AmplifyAuthHandlers;

/// <summary>
/// The caller a server acts for on the current request: a host (ASP.NET Core, a gRPC or message handler) implements
/// it to send the caller's own tokens to Amplify REST endpoints instead of a session the service signed in itself.
/// Register it with <c>AddAmplifyCallerContext</c>: <c>AMAZON_COGNITO_USER_POOLS</c> endpoints and
/// <c>OPENID_CONNECT</c> endpoints without a token provider of their own then send <see cref="TryGetToken"/>, and
/// <c>AWS_IAM</c> endpoints sign with the identity pool's authenticated-role credentials for
/// <see cref="TryGetIdToken"/>, cached per caller.
/// </summary>
/// <remarks>
/// One instance serves every caller (handlers are pooled and shared), so both methods are called on every request and
/// must return the tokens of the caller whose request is running now (from an <c>AsyncLocal</c>, an
/// <c>IHttpContextAccessor</c>, …), never tokens kept in a field. A problem text names where a token was looked for,
/// never a token or a header value: it becomes part of an exception message.
/// </remarks>
public interface IAmplifyCallerContext
{
    /// <summary>Gets the token the current caller sent, to forward as it is to user-pool and OIDC endpoints.</summary>
    /// <param name="token">When this method returns <see langword="true"/>: the token, without a scheme such as <c>Bearer</c>.</param>
    /// <param name="problem">When this method returns <see langword="false"/>: why there is no token, without any secret.</param>
    /// <returns><see langword="true"/> when the current caller sent a token; <see langword="false"/> otherwise, and the request is not sent.</returns>
    bool TryGetToken([NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? problem);

    /// <summary>Gets the current caller's Cognito user-pool ID token, exchanged at the identity pool for <c>AWS_IAM</c> endpoints.</summary>
    /// <param name="idToken">When this method returns <see langword="true"/>: the ID token.</param>
    /// <param name="problem">When this method returns <see langword="false"/>: why there is no ID token, without any secret.</param>
    /// <returns><see langword="true"/> when the current caller has an ID token; <see langword="false"/> otherwise, and the request is not sent.</returns>
    bool TryGetIdToken([NotNullWhen(true)] out string? idToken, [NotNullWhen(false)] out string? problem);

    /// <summary>
    /// Gets whether <c>AWS_IAM</c> endpoints sign the current caller's requests with the identity pool's guest
    /// (unauthenticated-role) credentials when <see cref="TryGetIdToken"/> finds no ID token, instead of refusing them.
    /// </summary>
    /// <value>
    /// The default implementation returns <see langword="false"/>: a caller without an ID token gets an
    /// <see cref="AmplifyNotSignedInException"/> and nothing is sent, never the guest role by accident.
    /// </value>
    bool AllowsGuestCredentials => false;
}
