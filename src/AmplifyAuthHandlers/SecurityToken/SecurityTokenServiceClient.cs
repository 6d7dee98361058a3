using System.Globalization;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Polly;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmplifyAuthHandlers;

/// <summary>
/// A minimal AWS STS client speaking the Query protocol over <see cref="HttpClient"/>: only
/// <c>AssumeRoleWithWebIdentity</c>, which is unsigned (the web identity token is the proof). Responses are XML, read
/// with <see cref="XmlReader"/> (no DTDs, no external resolution; trimming-safe). Transient failures (HTTP 500, 502,
/// 503, 504, throttling, <c>IDPCommunicationError</c>, network errors) are retried as the AWS SDKs' standard retry
/// mode does (<see cref="AwsStandardRetry"/>).
/// </summary>
internal sealed class SecurityTokenServiceClient
{
    /// <summary>The STS API version sent with every request.</summary>
    public const string ApiVersion = "2011-06-15";

    private const string Operation = "AssumeRoleWithWebIdentity";

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private readonly HttpClient _httpClient;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The client that sends the requests.</param>
    /// <param name="serviceUri">The service URI; see <see cref="GetDefaultServiceUri"/>, or a proxy's.</param>
    /// <param name="logger">Where to log outcomes; nothing is logged when <see langword="null"/>.</param>
    /// <param name="timeProvider">Times the delays between retries of transient failures; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="serviceUri"/> is not an absolute http(s) URI.</exception>
    public SecurityTokenServiceClient(HttpClient httpClient, Uri serviceUri, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The STS service URI '{serviceUri}' must be an absolute http or https URI, for example 'https://sts.us-east-1.amazonaws.com/'.", nameof(serviceUri));
        }

        _httpClient = httpClient;
        ServiceUri = serviceUri;
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets the URI requests are posted to.</summary>
    public Uri ServiceUri { get; }

    /// <summary>Returns <c>https://sts.{region}.amazonaws.com/</c> (<c>.amazonaws.com.cn</c> in China regions).</summary>
    /// <param name="region">An AWS region such as <c>us-east-1</c>.</param>
    /// <returns>The regional STS URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not an AWS region name.</exception>
    public static Uri GetDefaultServiceUri(string region)
    {
        if (!AwsRegion.IsValid(region))
        {
            throw new ArgumentException($"'{region}' is not an AWS region name. Use a region such as 'us-east-1'.", nameof(region));
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://sts.{region}.{domain}/", UriKind.Absolute);
    }

    /// <summary>Assumes <paramref name="roleArn"/> with a web identity token (here: a Cognito identity pool's OpenID token).</summary>
    /// <param name="roleArn">The role to assume.</param>
    /// <param name="roleSessionName">The session name: 2 to 64 of <c>[A-Za-z0-9+=,.@_-]</c>.</param>
    /// <param name="webIdentityToken">The OpenID Connect token.</param>
    /// <param name="duration">How long the credentials should last, or <see langword="null"/> for the role's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The temporary credentials, with their expiration.</returns>
    /// <exception cref="AwsCredentialsUnavailableException">STS refused (with its error code) or answered unreadably.</exception>
    public async Task<AwsCredentials> AssumeRoleWithWebIdentityAsync(
        string roleArn,
        string roleSessionName,
        string webIdentityToken,
        TimeSpan? duration,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(roleArn);
        ArgumentException.ThrowIfNullOrEmpty(roleSessionName);
        ArgumentException.ThrowIfNullOrEmpty(webIdentityToken);
        var form = new List<KeyValuePair<string, string>>
        {
            new("Action", Operation),
            new("Version", ApiVersion),
            new("RoleArn", roleArn),
            new("RoleSessionName", roleSessionName),
            new("WebIdentityToken", webIdentityToken),
        };
        if (duration is { } lifetime)
        {
            form.Add(new("DurationSeconds", ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        }

        var retry = AwsStandardRetry.CreatePipeline<Reply>(
            _timeProvider,
            Classify,
            (outcome, attempt, delay) =>
            {
                SecurityTokenLog.Retrying(_logger, roleArn, attempt, Describe(outcome), delay);
                AmplifyTelemetry.RecordRetry("STS.AssumeRoleWithWebIdentity", attempt + 1, "aws_transient", outcome.Exception is { } error ? AmplifyTelemetry.ErrorTypeOf(error) : null);
            });
        var reply = await retry.ExecuteAsync(
            static (state, token) => state.Self.SendOnceAsync(state.Form, token),
            (Self: this, Form: form),
            cancellationToken).ConfigureAwait(false);
        if (!reply.Succeeded)
        {
            SecurityTokenLog.AssumeRoleFailed(_logger, roleArn, (int)reply.Status, reply.Code ?? "(none)");
            throw Refused(roleArn, reply.Status, reply.Code, reply.Message);
        }

        var credentials = ParseCredentials(reply.Body);
        if (credentials is null)
        {
            SecurityTokenLog.InvalidResponse(_logger, roleArn, (int)reply.Status);
            throw new AwsCredentialsUnavailableException(
                $"STS {Operation} for role '{roleArn}' returned HTTP {(int)reply.Status} with a body that is not an {Operation}Response with Credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration); check StsEndpoint if it is set.");
        }

        SecurityTokenLog.AssumeRoleSucceeded(_logger, roleArn, credentials.Expiration!.Value);
        return credentials;
    }

    /// <summary>One attempt, with a message of its own (a sent message cannot be sent again).</summary>
    private async ValueTask<Reply> SendOnceAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, ServiceUri) { Content = new FormUrlEncodedContent(form) };
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return new Reply(true, response.StatusCode, null, null, body);
        }

        var (code, message) = ParseError(body);
        return new Reply(false, response.StatusCode, code, message, body);
    }

    /// <summary>
    /// Retried: network errors, HTTP 500/502/503/504, throttling codes, and <c>IDPCommunicationError</c> (STS could not
    /// reach the identity provider), which the AWS SDKs also retry for this operation.
    /// </summary>
    private static (bool Retry, bool Throttled) Classify(Outcome<Reply> outcome)
    {
        if (outcome.Exception is not null)
        {
            return (outcome.Exception is HttpRequestException, false);
        }

        var reply = outcome.Result!;
        if (reply.Succeeded)
        {
            return (false, false);
        }

        var throttled = reply.Status == HttpStatusCode.TooManyRequests || AwsStandardRetry.IsThrottlingCode(reply.Code);
        return (throttled || AwsStandardRetry.IsTransientStatus(reply.Status) || reply.Code == "IDPCommunicationError", throttled);
    }

    private static string Describe(Outcome<Reply> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : $"HTTP {((int)outcome.Result!.Status).ToString(CultureInfo.InvariantCulture)} {outcome.Result.Code}";

    /// <summary>Reads <c>AssumeRoleWithWebIdentityResponse/AssumeRoleWithWebIdentityResult/Credentials</c>.</summary>
    /// <param name="body">The response body.</param>
    /// <returns>The credentials, or <see langword="null"/> when the body is not XML of that shape with all four fields.</returns>
    internal static AwsCredentials? ParseCredentials(byte[] body)
    {
        var credentials = Child(Child(Load(body), $"{Operation}Result"), "Credentials");
        var accessKeyId = Child(credentials, "AccessKeyId")?.Value.Trim();
        var secretAccessKey = Child(credentials, "SecretAccessKey")?.Value.Trim();
        var sessionToken = Child(credentials, "SessionToken")?.Value.Trim();
        var expiration = Child(credentials, "Expiration")?.Value.Trim();
        if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) || string.IsNullOrEmpty(sessionToken)
            || !DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiresAt))
        {
            return null;
        }

        return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, expiresAt);
    }

    /// <summary>Reads <c>ErrorResponse/Error/{Code,Message}</c>.</summary>
    /// <param name="body">The response body.</param>
    /// <returns>The code and message; each <see langword="null"/> when absent or the body is not XML.</returns>
    internal static (string? Code, string? Message) ParseError(byte[] body)
    {
        var root = Load(body);
        var error = root?.Name.LocalName == "Error" ? root : Child(root, "Error");
        return (Blank(Child(error, "Code")?.Value), Blank(Child(error, "Message")?.Value));
    }

    private static AwsCredentialsUnavailableException Refused(string roleArn, HttpStatusCode status, string? code, string? message)
    {
        var hint = code switch
        {
            "AccessDenied" or "AccessDeniedException" => " Check that the role's trust policy allows sts:AssumeRoleWithWebIdentity for the principal cognito-identity.amazonaws.com with this identity pool as aud (and authenticated or unauthenticated as amr), and that the role ARN is the pool's.",
            "InvalidIdentityToken" or "InvalidIdentityTokenException" or "ExpiredTokenException" or "ExpiredToken" => " The identity pool's OpenID token was not accepted; the next request fetches a new one.",
            "IDPRejectedClaim" or "IDPRejectedClaimException" => " A condition of the role's trust policy rejected the token's claims (aud, amr or sub); check the policy against this identity pool.",
            _ => string.Empty,
        };
        var what = code is null ? $"HTTP {(int)status}" : message is null ? code : $"{code}: {message}";
        return new AwsCredentialsUnavailableException($"STS {Operation} for role '{roleArn}' was refused ({what}).{hint}", code);
    }

    private static XElement? Load(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(body, writable: false);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return XDocument.Load(reader).Root;
        }
        catch (XmlException)
        {
            // Not kept: its message can quote part of the body.
            return null;
        }
    }

    private static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What one attempt got.</summary>
    private sealed record Reply(bool Succeeded, HttpStatusCode Status, string? Code, string? Message, byte[] Body)
    {
        /// <summary>Never the body: a successful one carries credentials.</summary>
        public override string ToString() => $"STS HTTP {((int)Status).ToString(CultureInfo.InvariantCulture)} {Code}";
    }
}
