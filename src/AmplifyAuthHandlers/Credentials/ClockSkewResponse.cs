using System.Net;

namespace AmplifyAuthHandlers;

/// <summary>Recognises a response that refused a signature because of the signing time, and reads the server's clock from it.</summary>
internal static class ClockSkewResponse
{
    private static readonly string[] TimeComplaints =
    [
        "Signature expired",
        "Signature not yet current",
        "RequestTimeTooSkewed",
        "RequestExpired",
        "is now earlier than",
        "is now later than",
    ];

    /// <summary>
    /// Reads the 403's body (buffered, so the caller still gets it) and returns the server time from its
    /// <c>Date</c> header when the body or <c>x-amzn-ErrorType</c> complains about the signing time.
    /// </summary>
    public static async ValueTask<DateTimeOffset?> TryGetServerTimeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden || response.Headers.Date is not { } serverTime)
        {
            return null;
        }

        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? string.Join(",", values) : string.Empty;
        if (errorType.Contains("RequestTimeTooSkewed", StringComparison.Ordinal))
        {
            return serverTime;
        }

        // ReadAsStringAsync buffers the content, so the caller can still read the body.
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        foreach (var complaint in TimeComplaints)
        {
            if (body.Contains(complaint, StringComparison.OrdinalIgnoreCase))
            {
                return serverTime;
            }
        }

        return null;
    }
}
