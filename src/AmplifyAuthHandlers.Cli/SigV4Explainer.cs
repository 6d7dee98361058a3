using System.Globalization;
using System.Text.RegularExpressions;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// Reproduces the canonical request and string to sign of a request as it is sent, signed: neither depends on the
/// secret key, so a copy is re-signed with the public <see cref="AwsSigV4Signer"/> at the request's own
/// <c>X-Amz-Date</c>, access key ID, session token and scope, with a stand-in secret.
/// </summary>
internal static partial class SigV4Explainer
{
    private const string StandInSecret = "amplify-rest-verbose-stand-in";

    public static async Task<SigV4Explanation?> ExplainAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValues("Authorization", out var values)
            || values.FirstOrDefault() is not { } authorization
            || AuthorizationPattern().Match(authorization) is not { Success: true } match
            || !request.Headers.TryGetValues("X-Amz-Date", out var dates)
            || !DateTimeOffset.TryParseExact(dates.FirstOrDefault(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return null;
        }

        string? sessionToken = request.Headers.TryGetValues("X-Amz-Security-Token", out var tokens) ? tokens.FirstOrDefault() : null;
        using var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var (name, headerValues) in request.Headers.NonValidated)
        {
            copy.Headers.TryAddWithoutValidation(name, headerValues);
        }

        if (request.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            copy.Content = new ByteArrayContent(bytes);
            foreach (var (name, headerValues) in content.Headers.NonValidated)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    copy.Content.Headers.TryAddWithoutValidation(name, headerValues);
                }
            }
        }

        var credentials = new AwsCredentials(match.Groups["key"].Value, StandInSecret, sessionToken);
        var details = await new AwsSigV4Signer().SignWithDetailsAsync(
            copy, credentials, match.Groups["region"].Value, match.Groups["service"].Value, signedAt, cancellationToken).ConfigureAwait(false);
        var reproduced = copy.Headers.TryGetValues("Authorization", out var again) ? AuthorizationPattern().Match(again.First()).Groups["signed"].Value : string.Empty;
        return new SigV4Explanation(
            Redaction.CanonicalRequest(details.CanonicalRequest),
            details.StringToSign,
            SignedHeadersMatch: reproduced == match.Groups["signed"].Value);
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[^,]+), ?Signature=")]
    private static partial Regex AuthorizationPattern();
}
