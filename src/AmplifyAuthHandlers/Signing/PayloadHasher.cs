using System.Security.Cryptography;

namespace AmplifyAuthHandlers.Signing;

/// <summary>
/// The SHA-256 of the exact bytes a request sends. In-memory contents are hashed where they lie; a seekable stream
/// is hashed and rewound; anything else (a non-seekable stream, multipart, JSON or custom content) is buffered once,
/// up to a limit, and the request's content replaced by the buffer, so what goes on the wire is what was hashed.
/// The replaced content belongs to the caller and is left undisposed: the caller may still hold and dispose it.
/// </summary>
internal static class PayloadHasher
{
    [ThreadStatic]
    private static HashingWriteStream? t_hashingStream;

    /// <summary>The hex SHA-256 of an empty payload, precomputed.</summary>
    public static ReadOnlySpan<byte> EmptyPayloadHashHex => "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"u8;

    /// <summary>
    /// Hashes a payload that needs no I/O (no content, or byte-array, string, form or read-only-memory content)
    /// into <paramref name="hashHex"/> (64 bytes). Returns <see langword="false"/> for any other content.
    /// </summary>
    public static bool TryHashInMemory(HttpContent? content, Span<byte> hashHex)
    {
        if (content is null)
        {
            EmptyPayloadHashHex.CopyTo(hashHex);
            return true;
        }

        Type type = content.GetType();
        if (type != typeof(ByteArrayContent) && type != typeof(StringContent)
            && type != typeof(FormUrlEncodedContent) && type != typeof(ReadOnlyMemoryContent))
        {
            return false;
        }

        HashingWriteStream stream = t_hashingStream ??= new HashingWriteStream();
        Span<byte> hash = stackalloc byte[32];
        try
        {
            content.CopyTo(stream, context: null, CancellationToken.None);
        }
        finally
        {
            stream.GetHashAndReset(hash);
        }

        Hex.WriteLower(hash, hashHex);
        return true;
    }

    /// <summary>
    /// Hashes the payload of <paramref name="request"/> when it is a stream or other content; buffers (at most
    /// <paramref name="maxBufferedBytes"/>) and replaces the content when it cannot be read twice. Returns the 64 hex bytes.
    /// </summary>
    /// <exception cref="AmplifyRequestBodyTooLargeException">The body must be buffered and is larger than <paramref name="maxBufferedBytes"/>.</exception>
    public static async ValueTask<byte[]> HashAsync(HttpRequestMessage request, long maxBufferedBytes, CancellationToken cancellationToken)
    {
        HttpContent content = request.Content!;
        byte[] hashHex = new byte[64];
        if (content.GetType() == typeof(StreamContent))
        {
            // Opening the read stream does not consume it; it tells whether the stream can be read twice.
            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            if (stream.CanSeek)
            {
                // StreamContent itself seeks back to where its body starts before it serialises (also on a retry,
                // when the stream was left at its end), so hash through it and put the stream back at that start.
                using var hashing = new HashingWriteStream();
                await content.CopyToAsync(hashing, cancellationToken).ConfigureAwait(false);
                stream.Position = stream.Length - hashing.BytesWritten;
                byte[] hash = new byte[32];
                hashing.GetHashAndReset(hash);
                WriteHex(hash, hashHex);
                return hashHex;
            }

            var buffer = CreateBuffer(content, maxBufferedBytes);
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            Replace(request, content, buffer, hashHex);
            return hashHex;
        }

        var copy = CreateBuffer(content, maxBufferedBytes);
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        Replace(request, content, copy, hashHex);
        return hashHex;
    }

    /// <summary>A buffer that stops at the limit; a declared length over it is refused before a byte is read.</summary>
    private static BoundedBufferStream CreateBuffer(HttpContent content, long maxBufferedBytes)
    {
        long? length = content.Headers.ContentLength;
        if (length > maxBufferedBytes)
        {
            throw new AmplifyRequestBodyTooLargeException(null, maxBufferedBytes);
        }

        return new BoundedBufferStream(maxBufferedBytes, length is > 0 ? (int)length.Value : 0);
    }

    /// <summary>
    /// Hashes the buffered bytes and makes them the request's content, keeping its content headers. The original
    /// is not disposed: the library did not create it, and its owner may still read or dispose it.
    /// </summary>
    private static void Replace(HttpRequestMessage request, HttpContent original, MemoryStream buffer, byte[] hashHex)
    {
        int length = (int)buffer.Length; // a MemoryStream holds at most int.MaxValue bytes
        byte[] bytes = buffer.GetBuffer();
        WriteHex(SHA256.HashData(bytes.AsSpan(0, length)), hashHex);
        var replacement = new ByteArrayContent(bytes, 0, length);
        foreach (KeyValuePair<string, System.Net.Http.Headers.HeaderStringValues> header in original.Headers.NonValidated)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        request.Content = replacement;
    }

    private static void WriteHex(byte[] hash, byte[] hashHex) => Hex.WriteLower(hash, hashHex);
}
