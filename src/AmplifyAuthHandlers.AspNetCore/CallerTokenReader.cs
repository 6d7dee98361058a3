using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>
/// Reads the current caller's tokens from <see cref="IHttpContextAccessor.HttpContext"/> on every call (never
/// cached: one handler serves every caller). Problems it reports name headers and schemes, never a value.
/// </summary>
internal sealed class CallerTokenReader(IHttpContextAccessor httpContextAccessor, IOptionsMonitor<AmplifyCallerTokenForwardingOptions> optionsMonitor) : IAmplifyCallerContext
{
    private const string NoRequest = "there is no current HTTP request (HttpContext is null: the call was made outside a request, e.g. from a background task)";

    /// <summary>The token of the incoming request's header, without its scheme.</summary>
    public bool TryGetToken([NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? problem)
    {
        token = null;
        var context = httpContextAccessor.HttpContext;
        if (context is null)
        {
            problem = NoRequest;
            return false;
        }

        var options = optionsMonitor.CurrentValue;
        if (NotAuthenticated(context, options) is { } notAuthenticated)
        {
            problem = notAuthenticated;
            return false;
        }

        var values = context.Request.Headers[options.HeaderName];
        if (values.Count == 0)
        {
            problem = string.IsNullOrEmpty(options.Scheme)
                ? $"the incoming request has no '{options.HeaderName}' header (the caller must send its token in it)"
                : $"the incoming request has no '{options.HeaderName}' header (the caller must send '{options.HeaderName}: {options.Scheme} <token>')";
            return false;
        }

        if (values.Count > 1)
        {
            problem = $"the incoming request has more than one '{options.HeaderName}' header";
            return false;
        }

        var value = (values[0] ?? string.Empty).Trim();
        if (!string.IsNullOrEmpty(options.Scheme))
        {
            if (value.Length <= options.Scheme.Length + 1
                || !value.StartsWith(options.Scheme, StringComparison.OrdinalIgnoreCase)
                || value[options.Scheme.Length] != ' ')
            {
                problem = $"the incoming request's '{options.HeaderName}' header is not a '{options.Scheme}' token (another scheme, e.g. Basic, is never forwarded)";
                return false;
            }

            value = value[(options.Scheme.Length + 1)..].Trim();
        }

        return IsSingleToken(value, options.HeaderName, out token, out problem);
    }

    /// <summary>
    /// The caller's Cognito ID token, for exchanging it for identity-pool credentials: from
    /// <see cref="AmplifyCallerTokenForwardingOptions.IdTokenHeaderName"/>, else the claim
    /// <see cref="AmplifyCallerTokenForwardingOptions.IdTokenClaimType"/>, else the forwarded bearer token.
    /// </summary>
    public bool TryGetIdToken([NotNullWhen(true)] out string? idToken, [NotNullWhen(false)] out string? problem)
    {
        idToken = null;
        var context = httpContextAccessor.HttpContext;
        if (context is null)
        {
            problem = NoRequest;
            return false;
        }

        var options = optionsMonitor.CurrentValue;
        if (NotAuthenticated(context, options) is { } notAuthenticated)
        {
            problem = notAuthenticated;
            return false;
        }

        if (!string.IsNullOrEmpty(options.IdTokenHeaderName))
        {
            var values = context.Request.Headers[options.IdTokenHeaderName];
            if (values.Count != 1)
            {
                problem = values.Count == 0
                    ? $"the incoming request has no '{options.IdTokenHeaderName}' header"
                    : $"the incoming request has more than one '{options.IdTokenHeaderName}' header";
                return false;
            }

            return IsSingleToken((values[0] ?? string.Empty).Trim(), options.IdTokenHeaderName, out idToken, out problem);
        }

        if (!string.IsNullOrEmpty(options.IdTokenClaimType))
        {
            var claim = context.User.FindFirst(options.IdTokenClaimType);
            if (claim is null)
            {
                problem = $"the caller has no '{options.IdTokenClaimType}' claim";
                return false;
            }

            return IsSingleToken(claim.Value.Trim(), $"claim {options.IdTokenClaimType}", out idToken, out problem);
        }

        return TryGetToken(out idToken, out problem);
    }

    /// <summary>Guest credentials only within a request, and only when the app opted in.</summary>
    public bool AllowsGuestCredentials => optionsMonitor.CurrentValue.AllowGuestCredentials && httpContextAccessor.HttpContext is not null;

    private static string? NotAuthenticated(HttpContext context, AmplifyCallerTokenForwardingOptions options) =>
        options.RequireAuthenticatedCaller && context.User.Identity?.IsAuthenticated != true
            ? "the caller is not authenticated (HttpContext.User.Identity.IsAuthenticated is false): authenticate callers "
                + "(UseAuthentication() with a bearer scheme, and RequireAuthorization() or [Authorize] on the route), or set "
                + "AmplifyCallerTokenForwardingOptions.RequireAuthenticatedCaller = false when every downstream API validates the token itself"
            : null;

    private static bool IsSingleToken(string value, string source, [NotNullWhen(true)] out string? token, [NotNullWhen(false)] out string? problem)
    {
        if (value.Length == 0)
        {
            token = null;
            problem = $"the caller's token in '{source}' is empty";
            return false;
        }

        // A token is one run of visible characters; anything else is not forwarded (and could not be a JWT).
        foreach (var c in value)
        {
            if (c <= ' ' || c >= (char)127)
            {
                token = null;
                problem = $"the value of '{source}' is not a single token";
                return false;
            }
        }

        token = value;
        problem = null;
        return true;
    }
}
