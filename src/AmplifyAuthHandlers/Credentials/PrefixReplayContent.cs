namespace AmplifyAuthHandlers;

/// <summary>
/// A response body of which the first bytes were already read: it gives them back before the rest of the original
/// stream, so whoever reads it gets the whole body, streamed, and nothing beyond the peek was buffered.
/// Keeps the original's content headers; disposing it disposes the original.
/// </summary>
internal sealed class PrefixReplayContent : HttpContent
{
    private readonly HttpContent _original;
    private readonly Stream _rest;
    private readonly ReadOnlyMemory<byte> _prefix;

    public PrefixReplayContent(HttpContent original, Stream rest, ReadOnlyMemory<byte> prefix)
    {
        _original = original;
        _rest = rest;
        _prefix = prefix;
        foreach (var header in original.Headers.NonValidated)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        // A length the original computes rather than stores (an in-memory body) is not among its raw headers.
        if (original.Headers.ContentLength is { } length)
        {
            Headers.ContentLength = length;
        }
    }

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_prefix, cancellationToken).ConfigureAwait(false);
        await _rest.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        stream.Write(_prefix.Span);
        _rest.CopyTo(stream);
    }

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new PrefixReplayStream(_prefix, _rest));

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new PrefixReplayStream(_prefix, _rest);

    /// <summary>The length is the original's <c>Content-Length</c> header when it had one (copied); otherwise unknown.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rest.Dispose();
            _original.Dispose();
        }

        base.Dispose(disposing);
    }
}
