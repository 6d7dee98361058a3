using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>
/// Answers the library's exceptions with RFC 9457 problem details: 401 when the caller is not signed in or its session
/// expired, 502 when an upstream (the API, Cognito) failed, 503 when AWS credentials are unavailable or the call timed
/// out. The detail is written here from the exception's typed properties, never from an upstream body or message, and
/// the library's own messages carry no secret. Anything else is left to the next handler.
/// </summary>
internal sealed class AmplifyExceptionHandler(IProblemDetailsService problemDetailsService) : IExceptionHandler
{
    /// <summary>The problem type URIs (RFC 9457 <c>type</c>): stable names a client can switch on.</summary>
    internal const string TypePrefix = "urn:amplify-auth-handlers:problem:";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (Map(exception, httpContext.RequestAborted.IsCancellationRequested) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            // RFC 6750: the caller's bearer token is what is missing or no longer good.
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>The problem details of <paramref name="exception"/>, or <see langword="null"/> when it is not one this handler answers.</summary>
    internal static ProblemDetails? Map(Exception exception, bool requestAborted) => exception switch
    {
        // Its message may quote Cognito's own words: the detail is written here instead.
        SessionExpiredException => Problem(
            StatusCodes.Status401Unauthorized, "session-expired", "Session expired",
            "The session has expired and could not be refreshed; sign in again."),
        // Its message is advice for the server's developer (option names, registrations), not for the API's caller.
        AmplifyNotSignedInException => Problem(
            StatusCodes.Status401Unauthorized, "not-signed-in", "Not signed in",
            "This request needs a signed-in caller: send the user's token as a bearer token in the Authorization header."),
        AmplifyHttpStatusException ex => Problem(
            StatusCodes.Status502BadGateway, "upstream-error", "The upstream API failed",
            $"The upstream endpoint '{ex.ApiName}' answered {(int)ex.StatusCode} {ex.StatusCode}{(ex.ErrorType is null ? string.Empty : $" ({ex.ErrorType})")}.",
            endpoint: ex.ApiName,
            extensions: [new("upstreamStatus", (int)ex.StatusCode), new("upstreamErrorType", ex.ErrorType)]),
        CognitoServiceException ex => Problem(
            StatusCodes.Status502BadGateway, "cognito-error", "Amazon Cognito failed",
            $"Amazon Cognito answered {(int)ex.StatusCode} ({ex.ErrorCode}) while the caller's credentials or tokens were being obtained.",
            extensions: [new("cognitoErrorCode", ex.ErrorCode)]),
        AwsCredentialsUnavailableException ex => Problem(
            StatusCodes.Status503ServiceUnavailable, "credentials-unavailable", "AWS credentials unavailable",
            $"AWS credentials for the upstream API could not be obtained{(ex.ErrorCode is null ? string.Empty : $" ({ex.ErrorCode})")}; try again later.",
            extensions: [new("errorCode", ex.ErrorCode)]),
        TaskCanceledException { InnerException: TimeoutException } when !requestAborted => Problem(
            StatusCodes.Status503ServiceUnavailable, "upstream-timeout", "The upstream API timed out",
            "A call to an upstream API did not finish within its timeout; try again later."),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string type, string title, string detail, string? endpoint = null,
        KeyValuePair<string, object?>[]? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Type = TypePrefix + type, Title = title, Detail = detail };
        if (endpoint is not null)
        {
            problem.Extensions["endpoint"] = endpoint;
        }

        foreach (var (key, value) in extensions ?? [])
        {
            if (value is not null)
            {
                problem.Extensions[key] = value;
            }
        }

        return problem;
    }
}
