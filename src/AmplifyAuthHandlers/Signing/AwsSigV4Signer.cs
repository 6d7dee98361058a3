using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Signs HTTP requests with AWS Signature Version 4 (<c>AWS4-HMAC-SHA256</c>), in the <c>Authorization</c> header
/// or as a presigned URL. The signer is thread-safe, does no I/O of its own and reads the time only from the
/// <see cref="TimeProvider"/> it was given. Signing keys are cached (bounded) per access key, day, region and service.
/// </summary>
public sealed class AwsSigV4Signer
{
    internal const string AuthorizationHeader = "Authorization";
    internal const string AmzDateHeader = "X-Amz-Date";
    internal const string SecurityTokenHeader = "X-Amz-Security-Token";
    internal const string ContentSha256Header = "x-amz-content-sha256";
    private const long MaxPresignSeconds = 604_800;
    private const int InitialBufferSize = 4096;
    private const int InitialHeaderCapacity = 16;

    private readonly TimeProvider _timeProvider;
    private readonly bool _addContentSha256;
    private readonly bool _normalizePath;
    private readonly bool _doubleEncodePath;
    private readonly long _maxBufferedPayloadBytes;
    private readonly SigningKeyCache _signingKeys;
    private AmzDate? _lastDate;

    /// <summary>Creates a signer that uses <see cref="TimeProvider.System"/> and the default options.</summary>
    public AwsSigV4Signer()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Creates a signer that reads the time from <paramref name="timeProvider"/> and uses the default options.</summary>
    /// <param name="timeProvider">The clock; tests pass a fake one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public AwsSigV4Signer(TimeProvider timeProvider)
        : this(timeProvider, new AwsSigV4SignerOptions())
    {
    }

    /// <summary>Creates a signer with a clock and canonicalisation options.</summary>
    /// <param name="timeProvider">The clock; tests pass a fake one.</param>
    /// <param name="options">The canonicalisation choices; copied, so later changes do not affect this signer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    public AwsSigV4Signer(TimeProvider timeProvider, AwsSigV4SignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _addContentSha256 = options.AddContentSha256Header;
        _normalizePath = options.NormalizePath;
        _doubleEncodePath = options.DoubleEncodePath;
        _maxBufferedPayloadBytes = options.MaxBufferedPayloadBytes;
        _signingKeys = new SigningKeyCache(options.SigningKeyCacheCapacity);
    }

    /// <summary>The signing-key cache (for tests).</summary>
    internal SigningKeyCache SigningKeys => _signingKeys;

    /// <summary>
    /// Signs <paramref name="request"/> in place: removes any <c>Authorization</c>, <c>X-Amz-Date</c>,
    /// <c>X-Amz-Security-Token</c> and <c>x-amz-content-sha256</c> left from an earlier attempt, then adds
    /// <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> (when the credentials have a session token), optionally
    /// <c>x-amz-content-sha256</c>, and <c>Authorization</c>. Content that cannot be read twice (a non-seekable
    /// stream, multipart or custom content) is buffered once, up to <see cref="AwsSigV4SignerOptions.MaxBufferedPayloadBytes"/>,
    /// and replaced, so the bytes sent are the bytes hashed; the original content is left to its owner, undisposed.
    /// </summary>
    /// <param name="request">The request; its <see cref="HttpRequestMessage.RequestUri"/> must be absolute.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing service name, e.g. <c>execute-api</c>.</param>
    /// <param name="cancellationToken">Cancels reading a streamed body.</param>
    /// <returns>A task that completes when the request is signed (synchronously unless the body must be read).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has no absolute URI, a credential part is empty, or <paramref name="region"/> or <paramref name="service"/> is empty.</exception>
    /// <exception cref="AmplifyRequestBodyTooLargeException">A body that must be buffered is larger than <see cref="AwsSigV4SignerOptions.MaxBufferedPayloadBytes"/>.</exception>
    public ValueTask SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        CancellationToken cancellationToken = default) =>
        SignAsync(request, credentials, region, service, _timeProvider.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Signs <paramref name="request"/> in place exactly as <see cref="SignAsync(HttpRequestMessage, AwsCredentials, string, string, CancellationToken)"/>
    /// does, at <paramref name="signingTime"/>, and returns the canonical request and string to sign, for diagnostics.
    /// Neither text depends on the secret key, so a tool can reproduce the texts of a request it saw signed by
    /// re-signing a copy with the same access key ID, session token and <c>X-Amz-Date</c> and any secret.
    /// </summary>
    /// <param name="request">The request; its <see cref="HttpRequestMessage.RequestUri"/> must be absolute.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing service name, e.g. <c>execute-api</c>.</param>
    /// <param name="signingTime">The time to sign at (the <c>X-Amz-Date</c>), whole seconds.</param>
    /// <param name="cancellationToken">Cancels reading a streamed body.</param>
    /// <returns>The canonical request and string to sign; the canonical request may contain the session token.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The request has no absolute URI, a credential part is empty, or <paramref name="region"/> or <paramref name="service"/> is empty.</exception>
    public async ValueTask<AwsSigV4SigningDetails> SignWithDetailsAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        CancellationToken cancellationToken = default)
    {
        var trace = new SigV4Trace();
        await SignAsync(request, credentials, region, service, signingTime, trace, cancellationToken).ConfigureAwait(false);
        return new AwsSigV4SigningDetails(trace.CanonicalRequest, trace.StringToSign);
    }

    /// <summary>
    /// Creates a presigned URL: the SigV4 query parameters (<c>X-Amz-Algorithm</c>, <c>X-Amz-Credential</c>,
    /// <c>X-Amz-Date</c>, <c>X-Amz-Expires</c>, <c>X-Amz-Security-Token</c>, <c>X-Amz-SignedHeaders</c>,
    /// <c>X-Amz-Signature</c>) appended to <paramref name="uri"/>'s query. Only <c>host</c> is signed and the
    /// payload is signed as empty.
    /// </summary>
    /// <param name="method">The HTTP method the URL is for.</param>
    /// <param name="uri">The absolute URL to presign.</param>
    /// <param name="credentials">The credentials to sign with.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="service">The signing service name.</param>
    /// <param name="expiresIn">How long the URL stays valid: whole seconds from 1 to 604800 (7 days).</param>
    /// <returns>The presigned URL.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="uri"/> is relative, a credential part is empty, or <paramref name="region"/> or <paramref name="service"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expiresIn"/> is under 1 second or over 7 days.</exception>
    public Uri Presign(HttpMethod method, Uri uri, AwsCredentials credentials, string region, string service, TimeSpan expiresIn)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("Only an absolute URI can be presigned.", nameof(uri));
        }

        ValidateCredentials(credentials, region, service);
        long seconds = (long)expiresIn.TotalSeconds;
        if (seconds is < 1 or > MaxPresignSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresIn), expiresIn, "A presigned URL must expire in 1 second to 7 days.");
        }

        SignableHeader[] headers = [new("host", HostOf(uri))];
        string query = PresignQuery(
            method.Method, uri.AbsolutePath, QueryOf(uri), headers, PayloadHasher.EmptyPayloadHashHex,
            credentials, region, service, _timeProvider.GetUtcNow(), seconds, trace: null);
        return new Uri(string.Concat(uri.GetLeftPart(UriPartial.Path), "?", query, uri.Fragment));
    }

    /// <summary>Signs at a given time (the hook for clock-skew correction); see the public overload.</summary>
    internal ValueTask SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        CancellationToken cancellationToken) =>
        SignAsync(request, credentials, region, service, signingTime, trace: null, _maxBufferedPayloadBytes, cancellationToken);

    /// <summary>Signs at a given time with a caller's buffering limit (an endpoint's own); see the public overload.</summary>
    internal ValueTask SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        long maxBufferedPayloadBytes,
        CancellationToken cancellationToken) =>
        SignAsync(request, credentials, region, service, signingTime, trace: null, maxBufferedPayloadBytes, cancellationToken);

    /// <summary>Signs at a given time and reports the canonical request and string to sign (tests).</summary>
    internal ValueTask SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        SigV4Trace? trace,
        CancellationToken cancellationToken) =>
        SignAsync(request, credentials, region, service, signingTime, trace, _maxBufferedPayloadBytes, cancellationToken);

    /// <summary>The core: signs at a given time, buffering at most <paramref name="maxBufferedPayloadBytes"/> of a body that cannot be read twice.</summary>
    internal ValueTask SignAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        SigV4Trace? trace,
        long maxBufferedPayloadBytes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { IsAbsoluteUri: true })
        {
            throw new ArgumentException("Only a request with an absolute RequestUri can be signed.", nameof(request));
        }

        ValidateCredentials(credentials, region, service);
        cancellationToken.ThrowIfCancellationRequested();
        RemoveSignatureHeaders(request.Headers);

        Span<byte> payloadHash = stackalloc byte[64];
        if (PayloadHasher.TryHashInMemory(request.Content, payloadHash))
        {
            SignHeaders(request, credentials, region, service, signingTime, payloadHash, trace);
            return default;
        }

        return SignStreamedAsync(request, credentials, region, service, signingTime, trace, maxBufferedPayloadBytes, cancellationToken);
    }

    /// <summary>Removes the headers an earlier signature added, so a retried request carries only the new one.</summary>
    internal static void RemoveSignatureHeaders(HttpRequestHeaders headers)
    {
        headers.Remove(AuthorizationHeader);
        headers.Remove(AmzDateHeader);
        headers.Remove(SecurityTokenHeader);
        headers.Remove(ContentSha256Header);
    }

    /// <summary>
    /// Header-signs a request given as raw parts (the path and query exactly as on the wire, no <see cref="Uri"/>
    /// re-escaping), for the conformance suite. <paramref name="headers"/> must include <c>host</c>.
    /// Returns the <c>Authorization</c> value.
    /// </summary>
    internal string SignRaw(
        string method,
        string path,
        string query,
        IEnumerable<SignableHeader> headers,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        SigV4Trace? trace)
    {
        ValidateCredentials(credentials, region, service);
        Span<byte> payloadHash = stackalloc byte[64];
        Hex.WriteLower(SHA256.HashData(payload), payloadHash);
        AmzDate date = AmzDate.Create(signingTime);
        var list = new List<SignableHeader>(headers) { new(AmzDateHeader, date.Text) };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            list.Add(new(SecurityTokenHeader, credentials.SessionToken));
        }

        if (_addContentSha256)
        {
            list.Add(new(ContentSha256Header, Encoding.ASCII.GetString(payloadHash)));
        }

        return ComputeAuthorization(method, path, query, CollectionsMarshal.AsSpan(list), payloadHash, date, credentials, region, service, trace);
    }

    /// <summary>
    /// Query-signs a request given as raw parts; returns the query string to send (the original query, the
    /// <c>X-Amz-*</c> parameters and <c>X-Amz-Signature</c>). <paramref name="headers"/> must include <c>host</c>.
    /// </summary>
    internal string PresignRaw(
        string method,
        string path,
        string query,
        IEnumerable<SignableHeader> headers,
        ReadOnlySpan<byte> payload,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        long expiresSeconds,
        SigV4Trace? trace)
    {
        ValidateCredentials(credentials, region, service);
        Span<byte> payloadHash = stackalloc byte[64];
        Hex.WriteLower(SHA256.HashData(payload), payloadHash);
        return PresignQuery(method, path, query, [.. headers], payloadHash, credentials, region, service, signingTime, expiresSeconds, trace);
    }

    private async ValueTask SignStreamedAsync(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        SigV4Trace? trace,
        long maxBufferedPayloadBytes,
        CancellationToken cancellationToken)
    {
        byte[] payloadHash = await PayloadHasher.HashAsync(request, maxBufferedPayloadBytes, cancellationToken).ConfigureAwait(false);
        SignHeaders(request, credentials, region, service, signingTime, payloadHash, trace);
    }

    private void SignHeaders(
        HttpRequestMessage request,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        ReadOnlySpan<byte> payloadHashHex,
        SigV4Trace? trace)
    {
        Uri uri = request.RequestUri!;
        AmzDate date = GetAmzDate(signingTime);
        HttpRequestHeaders headers = request.Headers;
        headers.TryAddWithoutValidation(AmzDateHeader, date.Text);
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            headers.TryAddWithoutValidation(SecurityTokenHeader, credentials.SessionToken);
        }

        if (_addContentSha256)
        {
            headers.TryAddWithoutValidation(ContentSha256Header, Encoding.ASCII.GetString(payloadHashHex));
        }

        HttpContentHeaders? contentHeaders = request.Content?.Headers;

        // With Transfer-Encoding: chunked the socket handler drops Content-Length before it writes the request, so a
        // signed content-length would not match what API Gateway receives: sign what will be sent, without it.
        bool chunked = contentHeaders is not null && headers.TransferEncodingChunked == true;
        if (!chunked)
        {
            // Computes the Content-Length the handler will send, so it is in the headers and signed.
            _ = contentHeaders?.ContentLength;
        }

        SignableHeader[] list = ArrayPool<SignableHeader>.Shared.Rent(InitialHeaderCapacity);
        int count = 0;
        try
        {
            Add(ref list, ref count, new SignableHeader("host", headers.Host ?? HostOf(uri)));
            foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
            {
                if (CanonicalHeaders.IsSignable(header.Key))
                {
                    Add(ref list, ref count, new SignableHeader(header.Key, header.Value.ToString()));
                }
            }

            if (contentHeaders is not null)
            {
                foreach (KeyValuePair<string, HeaderStringValues> header in contentHeaders.NonValidated)
                {
                    if (CanonicalHeaders.IsSignable(header.Key)
                        && !(chunked && header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
                    {
                        Add(ref list, ref count, new SignableHeader(header.Key, header.Value.ToString()));
                    }
                }
            }

            string authorization = ComputeAuthorization(
                request.Method.Method, uri.AbsolutePath, QueryOf(uri), list.AsSpan(0, count), payloadHashHex,
                date, credentials, region, service, trace);
            headers.TryAddWithoutValidation(AuthorizationHeader, authorization);
        }
        finally
        {
            list.AsSpan(0, count).Clear();
            ArrayPool<SignableHeader>.Shared.Return(list);
        }
    }

    private string ComputeAuthorization(
        ReadOnlySpan<char> method,
        ReadOnlySpan<char> path,
        ReadOnlySpan<char> query,
        Span<SignableHeader> headers,
        ReadOnlySpan<byte> payloadHashHex,
        AmzDate date,
        AwsCredentials credentials,
        string region,
        string service,
        SigV4Trace? trace)
    {
        byte[] signingKey = GetSigningKey(credentials, date, region, service);
        var builder = new Utf8Builder(InitialBufferSize);
        try
        {
            Span<byte> signature = stackalloc byte[64];
            SignatureLayout layout = SignatureCalculator.Compute(
                ref builder, method, path, query, headers, payloadHashHex, date, region, service, signingKey,
                _normalizePath, _doubleEncodePath, signature, trace);
            int start = builder.Length;
            builder.Append("AWS4-HMAC-SHA256 Credential="u8);
            builder.AppendUtf8(credentials.AccessKeyId);
            builder.Append((byte)'/');
            builder.AppendWritten(layout.ScopeStart, layout.ScopeLength);
            builder.Append(", SignedHeaders="u8);
            builder.AppendWritten(layout.SignedHeadersStart, layout.SignedHeadersLength);
            builder.Append(", Signature="u8);
            builder.Append(signature);
            return Encoding.UTF8.GetString(builder.Slice(start, builder.Length - start));
        }
        finally
        {
            builder.Dispose();
        }
    }

    private string PresignQuery(
        string method,
        ReadOnlySpan<char> path,
        ReadOnlySpan<char> query,
        SignableHeader[] headers,
        ReadOnlySpan<byte> payloadHashHex,
        AwsCredentials credentials,
        string region,
        string service,
        DateTimeOffset signingTime,
        long expiresSeconds,
        SigV4Trace? trace)
    {
        AmzDate date = AmzDate.Create(signingTime);
        CanonicalHeaders.Sort(headers);
        string signedHeaders;
        var names = new Utf8Builder(256);
        try
        {
            CanonicalHeaders.AppendSignedHeaders(ref names, headers);
            signedHeaders = Encoding.UTF8.GetString(names.Written);
        }
        finally
        {
            names.Dispose();
        }

        string credential = string.Concat(credentials.AccessKeyId, "/", date.Text[..8], "/", region) + "/" + service + "/aws4_request";
        var unsigned = new StringBuilder(query.Length + 512);
        if (!query.IsEmpty)
        {
            unsigned.Append(query).Append('&');
        }

        unsigned.Append("X-Amz-Algorithm=").Append(SignatureCalculator.Algorithm)
            .Append("&X-Amz-Credential=").Append(Uri.EscapeDataString(credential))
            .Append("&X-Amz-Date=").Append(date.Text)
            .Append("&X-Amz-Expires=").Append(expiresSeconds.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            unsigned.Append("&X-Amz-Security-Token=").Append(Uri.EscapeDataString(credentials.SessionToken));
        }

        unsigned.Append("&X-Amz-SignedHeaders=").Append(Uri.EscapeDataString(signedHeaders));
        string unsignedQuery = unsigned.ToString();

        byte[] signingKey = GetSigningKey(credentials, date, region, service);
        var builder = new Utf8Builder(InitialBufferSize);
        try
        {
            Span<byte> signature = stackalloc byte[64];
            SignatureCalculator.Compute(
                ref builder, method, path, unsignedQuery, headers, payloadHashHex, date, region, service, signingKey,
                _normalizePath, _doubleEncodePath, signature, trace);
            return string.Concat(unsignedQuery, "&X-Amz-Signature=", Encoding.ASCII.GetString(signature));
        }
        finally
        {
            builder.Dispose();
        }
    }

    private byte[] GetSigningKey(AwsCredentials credentials, AmzDate date, string region, string service)
    {
        Span<byte> scopeDate = stackalloc byte[8];
        Encoding.ASCII.GetBytes(date.Date, scopeDate);
        return _signingKeys.GetOrCreate(credentials, date.DayNumber, scopeDate, region, service);
    }

    private AmzDate GetAmzDate(DateTimeOffset signingTime)
    {
        AmzDate? last = Volatile.Read(ref _lastDate);
        if (last is not null && last.UnixSeconds == signingTime.ToUnixTimeSeconds())
        {
            return last;
        }

        AmzDate created = AmzDate.Create(signingTime);
        Volatile.Write(ref _lastDate, created);
        return created;
    }

    private static void Add(ref SignableHeader[] list, ref int count, SignableHeader header)
    {
        if (count == list.Length)
        {
            SignableHeader[] larger = ArrayPool<SignableHeader>.Shared.Rent(list.Length * 2);
            list.AsSpan().CopyTo(larger);
            list.AsSpan().Clear();
            ArrayPool<SignableHeader>.Shared.Return(list);
            list = larger;
        }

        list[count++] = header;
    }

    /// <summary>The Host header HttpClient sends for <paramref name="uri"/>: the IDN host, with the port when it is not the scheme's default.</summary>
    internal static string HostOf(Uri uri)
    {
        string host = uri.IdnHost;
        if (uri.HostNameType == UriHostNameType.IPv6 && !host.StartsWith('['))
        {
            host = string.Concat("[", host, "]");
        }

        return uri.IsDefaultPort ? host : string.Concat(host, ":", uri.Port.ToString(CultureInfo.InvariantCulture));
    }

    private static ReadOnlySpan<char> QueryOf(Uri uri)
    {
        string query = uri.Query;
        return query.Length > 1 ? query.AsSpan(1) : default;
    }

    private static void ValidateCredentials(AwsCredentials credentials, string region, string service)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentException.ThrowIfNullOrEmpty(service);
        if (string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
        {
            throw new ArgumentException("The credentials need a non-empty access key ID and secret access key.", nameof(credentials));
        }
    }
}
