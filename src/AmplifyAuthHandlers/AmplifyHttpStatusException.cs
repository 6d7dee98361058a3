using System.Net;
using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers;

/// <summary>
/// A REST call through <see cref="IAmplifyRestApi"/> returned a status outside 2xx — the shape Amplify users
/// know from Flutter's <c>HttpStatusException</c>: status, headers, body text and API Gateway's error type.
/// </summary>
/// <remarks>
/// The <see cref="Exception.Message"/> names the call, the status, API Gateway's error type and its own reason (the body's
/// <c>message</c>, cut at 300 characters, control characters removed, anything that looks like a session token or signature
/// replaced by <c>***</c>; an access key ID is not a secret and is kept), and for the common errors a hint on what to fix.
/// docs/troubleshooting.md lists them.
/// </remarks>
/// <remarks>
/// This is an <see cref="HttpRequestException"/> (with <see cref="HttpRequestException.StatusCode"/> set), so
/// <c>catch (HttpRequestException)</c> and resilience predicates that look at HTTP failures see it. It is NOT an
/// <see cref="AmplifyException"/>: the request was authorized and sent, and the API answered; a
/// <c>catch (AmplifyException)</c> around a call does not catch it.
/// </remarks>
public sealed class AmplifyHttpStatusException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="apiName">The endpoint called.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path (without the query string, which may carry secrets).</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="body">The response body as text.</param>
    public AmplifyHttpStatusException(string apiName, HttpMethod method, string path, HttpStatusCode statusCode,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string body)
        : this(apiName, method, path, statusCode, headers, body, authMode: null, signatureDifference: null)
    {
    }

    /// <summary>Creates the exception with the endpoint's auth mode (for the hint) and the first line a signature mismatch differs in.</summary>
    internal AmplifyHttpStatusException(string apiName, HttpMethod method, string path, HttpStatusCode statusCode,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string body, string? authMode, string? signatureDifference)
        : base(FormatMessage(apiName, method, path, statusCode, ParseErrorType(headers), body, authMode, signatureDifference), inner: null, statusCode)
    {
        ApiName = apiName;
        StatusCode = statusCode;
        Headers = headers;
        Body = body;
        ErrorType = ParseErrorType(headers);
    }

    /// <summary>Gets the endpoint that was called.</summary>
    /// <value>The endpoint's name.</value>
    public string ApiName { get; }

    /// <summary>Gets the response's status code.</summary>
    /// <value>A status outside 200–299; the same as the base class's <see cref="HttpRequestException.StatusCode"/>, never <see langword="null"/>.</value>
    public new HttpStatusCode StatusCode { get; }

    /// <summary>Gets the response headers (content headers included), by case-insensitive name.</summary>
    /// <value>Every header of the response.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the response body decoded as text.</summary>
    /// <value>Empty when the response had no body.</value>
    public string Body { get; }

    /// <summary>Gets the AWS error type from <c>x-amzn-ErrorType</c>, without its <c>:</c> suffix (e.g. <c>AccessDeniedException</c>).</summary>
    /// <value><see langword="null"/> when the response did not carry one.</value>
    public string? ErrorType { get; }

    private static string? ParseErrorType(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (!headers.TryGetValue("x-amzn-ErrorType", out var values) || values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
        {
            return null;
        }

        var value = values[0];
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? value[..colon] : value).Trim();
    }

    /// <summary>The longest part of API Gateway's own message that goes into <see cref="Exception.Message"/>.</summary>
    internal const int MaxReasonChars = 300;

    private static string FormatMessage(string apiName, HttpMethod method, string path, HttpStatusCode statusCode, string? errorType,
        string body, string? authMode, string? signatureDifference)
    {
        var text = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" on endpoint '").Append(apiName).Append("' returned ")
            .Append((int)statusCode).Append(' ').Append(statusCode);
        if (errorType is not null)
        {
            text.Append(" (").Append(errorType).Append(')');
        }

        var reason = Reason(body);
        text.Append(reason is null ? "." : $": {reason}");
        if (reason is not null && !reason.EndsWith('.') && !reason.EndsWith('…'))
        {
            text.Append('.');
        }

        if (Hint(errorType, statusCode, authMode, reason) is { } hint)
        {
            text.Append(' ').Append(hint);
        }

        if (signatureDifference is not null)
        {
            text.Append(" First difference from what was signed: ").Append(signatureDifference);
        }

        return text.ToString();
    }

    /// <summary>
    /// API Gateway's reason, from the body's <c>message</c>: its first paragraph (a signature mismatch goes on to quote the
    /// canonical request, which holds the session token), bounded, without control characters or anything token-like.
    /// </summary>
    internal static string? Reason(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in (ReadOnlySpan<string>)["message", "Message", "errorMessage"])
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        message = value.GetString();
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page of a proxy): no reason is shown, the body stays in Body.
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var paragraph = message.IndexOf("\n\n", StringComparison.Ordinal);
        if (paragraph > 0)
        {
            message = message[..paragraph];
        }

        if (message.Contains("Authorization", StringComparison.OrdinalIgnoreCase))
        {
            // API Gateway quotes the Authorization value it could not parse ("'<token>' not a valid key=value pair ...
            // in Authorization header: 'Bearer <token>'"): a short opaque token looks like any other word.
            message = WithoutQuotedValues(message);
        }

        var builder = new StringBuilder(Math.Min(message.Length, MaxReasonChars + 1));
        foreach (var word in message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(LooksSecret(word) ? "***" : word);
        }

        for (var i = 0; i < builder.Length; i++)
        {
            if (char.IsControl(builder[i]))
            {
                builder[i] = ' ';
            }
        }

        var reason = builder.ToString().Trim();
        return reason.Length == 0 ? null : reason.Length > MaxReasonChars ? reason[..MaxReasonChars] + "…" : reason;
    }

    /// <summary>
    /// A session token is a long base64 run, a signature 64 hex digits, a JWT three dot-separated base64url parts:
    /// replaced whole. Words such as an access key ID (20 characters, not a secret per AWS) or a URL stay.
    /// </summary>
    private static bool LooksSecret(string word)
    {
        var core = word.Trim('\'', '"', '.', ',', ';', '(', ')', '[', ']');
        foreach (var name in (ReadOnlySpan<string>)["Signature=", "Security-Token=", "Authorization=", "api-key=", "Token="])
        {
            if (core.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (core.Length == 64 && core.All(char.IsAsciiHexDigit))
        {
            return true;
        }

        return core.Length >= 80 && !core.Contains("://", StringComparison.Ordinal);
    }

    /// <summary>Replaces the text between each pair of single quotes with <c>***</c>.</summary>
    private static string WithoutQuotedValues(string message)
    {
        var builder = new StringBuilder(message.Length);
        var open = -1;
        for (var i = 0; i < message.Length; i++)
        {
            if (message[i] != '\'')
            {
                if (open < 0)
                {
                    builder.Append(message[i]);
                }

                continue;
            }

            builder.Append(open < 0 ? "'***'" : string.Empty);
            open = open < 0 ? i : -1;
        }

        // An unclosed quote hides the rest too.
        return builder.ToString();
    }

    private static string? Hint(string? errorType, HttpStatusCode statusCode, string? authMode, string? reason) => errorType switch
    {
        "InvalidSignatureException" when reason?.Contains("scoped to a valid region", StringComparison.Ordinal) == true =>
            "The request was signed for another region than the API's: set the endpoint's 'region' to the region in the API's URL (execute-api.<region>.amazonaws.com).",
        "InvalidSignatureException" when reason?.Contains("Signature expired", StringComparison.Ordinal) == true || reason?.Contains("not yet current", StringComparison.Ordinal) == true =>
            "The machine's clock is more than 5 minutes off AWS's: synchronise it (NTP).",
        "InvalidSignatureException" =>
            "API Gateway computed a different signature: check the endpoint's 'region', the machine's clock and the AWS credentials, and that nothing changes the request (a header, the path or the body) after the signing handler, for example a handler added after AddAmplifyRestApi's.",
        "IncompleteSignatureException" =>
            "The request was not signed completely: make sure the endpoint's authorizationType is AWS_IAM and no handler strips the Authorization, X-Amz-Date or X-Amz-Security-Token headers.",
        "MissingAuthenticationTokenException" =>
            "API Gateway gives this answer for a route it does not have: check the stage in the endpoint's URL, the path and the HTTP method (and, on an AWS_IAM route, that the endpoint's authorizationType is AWS_IAM so the request is signed).",
        "UnrecognizedClientException" or "ExpiredTokenException" =>
            "The AWS credentials were not accepted (unknown, revoked or expired): check the credentials source and that temporary credentials are refreshed.",
        "AccessDeniedException" =>
            "The IAM role of the credentials may not invoke this route: allow execute-api:Invoke on it for the role in use (the identity pool's unauthenticated role for a guest, the authenticated role after sign-in).",
        "ForbiddenException" when authMode == "API_KEY" =>
            "Check the endpoint's apiKey: API Gateway refuses a key that is missing, wrong, disabled, or not in a usage plan that includes this API's stage.",
        "UnauthorizedException" when authMode == "AMAZON_COGNITO_USER_POOLS" =>
            "The user-pool authorizer refused the token: check that the endpoint sends the token type it expects (ID token vs access token: the endpoint's tokenType) and that the session has not expired (sign in again).",
        "UnauthorizedException" =>
            "The authorizer refused the request's Authorization token: check that the token is the one the API's authorizer expects and has not expired.",
        _ when statusCode == HttpStatusCode.Unauthorized && authMode == "AMAZON_COGNITO_USER_POOLS" =>
            "Check that the endpoint sends the token type the authorizer expects (ID vs access token: the endpoint's tokenType) and that the session has not expired.",
        _ => null,
    };
}
