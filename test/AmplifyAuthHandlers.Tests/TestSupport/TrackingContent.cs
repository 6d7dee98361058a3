using System.Net;

namespace AmplifyAuthHandlers.Tests.TestSupport;

/// <summary>Wraps a caller's content (a type the signer cannot hash in place) and records whether anyone disposed it.</summary>
internal sealed class TrackingContent(HttpContent inner) : HttpContent
{
    public bool Disposed { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        inner.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
