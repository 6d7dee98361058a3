namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// Canonicalisation choices of an <see cref="AwsSigV4Signer"/>. The defaults are the rules of every AWS
/// service except Amazon S3, which is what API Gateway (<c>execute-api</c>) expects and what Amplify sends.
/// </summary>
public sealed class AwsSigV4SignerOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the signer adds an <c>x-amz-content-sha256</c> header carrying
    /// the payload hash and signs it. Amplify does not send it to API Gateway; S3-style services require it.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AddContentSha256Header { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the canonical URI is normalised: repeated slashes collapsed
    /// and <c>.</c> / <c>..</c> segments removed. Every service except S3 normalises.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool NormalizePath { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the canonical URI encodes the path that goes on the wire once
    /// more (so <c>%20</c> is signed as <c>%2520</c> and <c>@</c> as <c>%40</c>). Every service except S3
    /// double-encodes; with <see langword="false"/> the path is percent-decoded and encoded exactly once.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DoubleEncodePath { get; set; } = true;

    /// <summary>
    /// Gets or sets the most signing keys (one per access key ID, date, region and service) the signer keeps.
    /// A key is valid for one UTC day; keys of earlier days are dropped as soon as a later day is signed.
    /// </summary>
    /// <value>The default value is 16.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than 1024.</exception>
    public int SigningKeyCacheCapacity
    {
        get => _signingKeyCacheCapacity;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            _signingKeyCacheCapacity = value;
        }
    }

    /// <summary>
    /// Gets or sets the most bytes of a request body the signer buffers to hash it, when the body cannot be read
    /// twice (a non-seekable stream, multipart, JSON or custom content). A larger body is refused with
    /// <see cref="AmplifyRequestBodyTooLargeException"/> before anything is sent; in-memory contents and seekable
    /// streams are hashed where they lie and are not limited.
    /// </summary>
    /// <value>The default value is 10,485,760 (10 MB, API Gateway's payload limit).</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1 or greater than <see cref="Array.MaxLength"/>.</exception>
    public long MaxBufferedPayloadBytes
    {
        get => _maxBufferedPayloadBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength);
            _maxBufferedPayloadBytes = value;
        }
    }

    /// <summary>API Gateway's payload limit, 10 MB: the default of every buffering limit of this library.</summary>
    internal const long DefaultMaxBufferedPayloadBytes = 10_485_760;

    private int _signingKeyCacheCapacity = 16;
    private long _maxBufferedPayloadBytes = DefaultMaxBufferedPayloadBytes;
}
