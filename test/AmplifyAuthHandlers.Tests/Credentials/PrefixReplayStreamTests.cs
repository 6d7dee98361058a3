using System.Text;
using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class PrefixReplayStreamTests
{
    private static PrefixReplayStream Stream(string prefix, string rest) =>
        new(Encoding.ASCII.GetBytes(prefix), new MemoryStream(Encoding.ASCII.GetBytes(rest)));

    [Test]
    public void Read_SmallBuffer_GivesThePrefixInPiecesThenTheRest()
    {
        using var stream = Stream("abcde", "fgh");
        var buffer = new byte[3];
        var pieces = new List<string>();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            pieces.Add(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.That(pieces, Is.EqualTo(new[] { "abc", "de", "fgh" }), "a read never mixes the prefix and the rest");
    }

    [Test]
    public void Read_WithOffset_FillsFromTheOffset()
    {
        using var stream = Stream("ab", "c");
        var buffer = new byte[4];

        var read = stream.Read(buffer, 1, 3);

        Assert.That(read, Is.EqualTo(2));
        Assert.That(buffer, Is.EqualTo(new byte[] { 0, (byte)'a', (byte)'b', 0 }));
    }

    [Test]
    public async Task ReadAsync_SmallBuffer_GivesThePrefixThenTheRest()
    {
        await using var stream = Stream("abcde", "fgh");
        var buffer = new byte[3];
        var pieces = new List<string>();
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory())) > 0)
        {
            pieces.Add(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.That(pieces, Is.EqualTo(new[] { "abc", "de", "fgh" }));
    }

    [Test]
    public async Task ReadAsync_ArrayOverload_GivesThePrefixThenTheRest()
    {
        await using var stream = Stream("ab", "cd");
        var buffer = new byte[8];

#pragma warning disable CA1835 // The array overload is the subject here.
        var first = await stream.ReadAsync(buffer, 0, 8);
        var second = await stream.ReadAsync(buffer, 2, 6);
#pragma warning restore CA1835

        Assert.That((first, second), Is.EqualTo((2, 2)));
        Assert.That(Encoding.ASCII.GetString(buffer, 0, 4), Is.EqualTo("abcd"));
    }

    [Test]
    public void Read_EmptyBuffer_ConsumesNothing()
    {
        using var stream = Stream("ab", "c");

        var none = stream.Read(Span<byte>.Empty);
        using var reader = new StreamReader(stream, Encoding.ASCII);

        Assert.That(none, Is.Zero);
        Assert.That(reader.ReadToEnd(), Is.EqualTo("abc"));
    }

    [Test]
    public void Read_EmptyPrefix_ReadsTheRestDirectly()
    {
        using var stream = Stream(string.Empty, "rest");
        using var reader = new StreamReader(stream, Encoding.ASCII);

        Assert.That(reader.ReadToEnd(), Is.EqualTo("rest"));
    }

    [Test]
    public void Capabilities_ReadOnlyForwardOnly()
    {
        using var stream = Stream("a", "b");

        Assert.That((stream.CanRead, stream.CanSeek, stream.CanWrite), Is.EqualTo((true, false, false)));
        Assert.That(() => stream.Length, Throws.TypeOf<NotSupportedException>().With.Message.Contains("length"));
        Assert.That(() => stream.Position, Throws.TypeOf<NotSupportedException>().With.Message.Contains("seek"));
        Assert.That(() => stream.Position = 0, Throws.TypeOf<NotSupportedException>().With.Message.Contains("seek"));
        Assert.That(() => stream.Seek(0, SeekOrigin.Begin), Throws.TypeOf<NotSupportedException>().With.Message.Contains("seek"));
        Assert.That(() => stream.SetLength(0), Throws.TypeOf<NotSupportedException>().With.Message.Contains("read-only"));
        Assert.That(() => stream.Write([1], 0, 1), Throws.TypeOf<NotSupportedException>().With.Message.Contains("read-only"));
        Assert.That(stream.Flush, Throws.Nothing);
    }

    [Test]
    public void Dispose_DisposesTheRest()
    {
        var rest = new CountingStream(10);
        var stream = new PrefixReplayStream(new byte[] { 1 }, rest);

        stream.Dispose();

        Assert.That(rest.Disposed, Is.True);
    }
}
