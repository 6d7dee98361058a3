using System.Net;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>
/// A response body read straight from a stream, as SocketsHttpHandler hands it over with ResponseHeadersRead:
/// <see cref="HttpContent.ReadAsStreamAsync()"/> returns the stream itself instead of buffering it first.
/// </summary>
internal sealed class StreamedResponseContent(Stream stream) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream target, TransportContext? context) => stream.CopyToAsync(target);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(stream);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(stream);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
