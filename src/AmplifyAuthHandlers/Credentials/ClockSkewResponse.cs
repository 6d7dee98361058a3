using System.Net;
using System.Text;

namespace AmplifyAuthHandlers;

/// <summary>
/// Recognises API Gateway's own refusal of a signature for its signing time, and reads the server's clock from it.
/// </summary>
/// <remarks>
/// API Gateway answers a signature outside its five-minute window with <c>403</c>,
/// <c>x-amzn-ErrorType: InvalidSignatureException</c> and a body such as
/// <c>{"message":"Signature expired: 20190101T000000Z is now earlier than 20190101T000500Z (20190101T001000Z - 5 min.)"}</c>
/// or <c>{"message":"Signature not yet current: … is still later than … (… + 5 min.)"}</c>; LocalApiGateway answers the
/// same. Both the header and the message must be there: a backend's 403 that merely mentions the words is not a
/// skew error, and must not make the request be sent again. Only the first <see cref="MaxPeekBytes"/> of the body
/// are read, and only when the header already says it may be a signature error.
/// </remarks>
internal static class ClockSkewResponse
{
    /// <summary>The most of a 403's body read to look for the message; API Gateway's is about 150 bytes.</summary>
    public const int MaxPeekBytes = 4096;

    private const string SignatureErrorType = "InvalidSignatureException";

    /// <summary>
    /// Returns the server time from the response's <c>Date</c> when it is API Gateway's skew error. When the body was
    /// peeked, the response's content is replaced by one that replays the peeked bytes before the rest, so the
    /// caller still reads the whole body (streamed, if it was streamed).
    /// </summary>
    public static async ValueTask<DateTimeOffset?> TryGetServerTimeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Forbidden || response.Headers.Date is not { } serverTime || !NamesSignatureError(response))
        {
            return null;
        }

        var original = response.Content;
        var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var prefix = new byte[MaxPeekBytes];
        var length = 0;
        while (length < prefix.Length)
        {
            // One statement per step (not an assignment inside the condition), so each can be mutation-tested: Stryker
            // cannot compile a mutant of the combined condition and then skips the whole method.
            var read = await stream.ReadAsync(prefix.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        response.Content = new PrefixReplayContent(original, stream, prefix.AsMemory(0, length));
        var text = Encoding.UTF8.GetString(prefix, 0, length);
        return IsSkewMessage(text) ? serverTime : null;
    }

    /// <summary>Whether <c>x-amzn-ErrorType</c> names the signature error (its value may carry a <c>:namespace</c> suffix).</summary>
    internal static bool NamesSignatureError(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("x-amzn-ErrorType", out var values))
        {
            return false;
        }

        foreach (var value in values)
        {
            var name = value.AsSpan();
            var colon = name.IndexOf(':');
            if (colon >= 0)
            {
                name = name[..colon];
            }

            if (name.Trim().Equals(SignatureErrorType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>AWS's two signing-time messages, each recognised by both of its fixed parts.</summary>
    internal static bool IsSkewMessage(string body) =>
        (body.Contains("Signature expired:", StringComparison.Ordinal) && body.Contains("is now earlier than", StringComparison.Ordinal))
        || (body.Contains("Signature not yet current:", StringComparison.Ordinal) && body.Contains("is still later than", StringComparison.Ordinal));
}
