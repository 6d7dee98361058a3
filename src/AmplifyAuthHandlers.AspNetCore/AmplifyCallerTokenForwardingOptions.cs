namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>Where <c>AddAmplifyCallerTokenForwarding()</c> finds the caller's token on the incoming request.</summary>
public sealed class AmplifyCallerTokenForwardingOptions
{
    /// <summary>Gets or sets the incoming request header that carries the caller's token.</summary>
    /// <value>The default value is <c>Authorization</c>.</value>
    public string HeaderName { get; set; } = "Authorization";

    /// <summary>
    /// Gets or sets the scheme the header's value must start with (compared ignoring case); it is stripped before
    /// the token is forwarded. A value with another scheme (e.g. <c>Basic</c>) is never forwarded.
    /// </summary>
    /// <value>The default value is <c>Bearer</c>. <see langword="null"/> or empty: the whole header value is the token.</value>
    public string? Scheme { get; set; } = "Bearer";

    /// <summary>
    /// Gets or sets an incoming request header that carries the caller's Cognito <em>ID</em> token, for
    /// <c>AWS_IAM</c> endpoints that exchange it for the identity pool's authenticated-role credentials.
    /// </summary>
    /// <value>
    /// The default value is <see langword="null"/>: <see cref="IdTokenClaimType"/> is used, else the forwarded bearer
    /// token is taken to be the ID token.
    /// </value>
    /// <remarks>
    /// The exchange uses the configured identity pool and user pool; its credentials are cached per caller, keyed by
    /// a hash of the ID token, in a bounded cache.
    /// </remarks>
    public string? IdTokenHeaderName { get; set; }

    /// <summary>
    /// Gets or sets the type of a claim of the authenticated caller (<c>HttpContext.User</c>) whose value is the
    /// caller's Cognito ID token, used when <see cref="IdTokenHeaderName"/> is not set.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? IdTokenClaimType { get; set; }

    /// <summary>
    /// Gets or sets whether only an authenticated caller's tokens are used (<c>HttpContext.User.Identity.IsAuthenticated</c>,
    /// set by the app's authentication middleware after it validated the token). With it, a request the app did not
    /// authenticate is refused before its bearer string is forwarded or sent to the identity pool.
    /// </summary>
    /// <value>
    /// The default value is <see langword="true"/>. Set it to <see langword="false"/> only when the app does not
    /// authenticate callers itself and every downstream API validates the token on its own.
    /// </value>
    public bool RequireAuthenticatedCaller { get; set; } = true;

    /// <summary>
    /// Gets or sets whether <c>AWS_IAM</c> endpoints sign a request with the identity pool's guest
    /// (unauthenticated-role) credentials when the current caller has no ID token (no header, not authenticated, …),
    /// instead of refusing it with <see cref="AmplifyNotSignedInException"/>. Never outside an HTTP request.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: a caller without an ID token is refused and nothing is sent.</value>
    public bool AllowGuestCredentials { get; set; }
}
