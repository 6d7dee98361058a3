using System.Net.Http.Headers;
using System.Text;
using AmplifyAuthHandlers.Tests.TestSupport;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class PrefixReplayContentTests
{
    /// <summary>An original whose first three bytes ("abc") were already read: the content replays them before "defgh".</summary>
    private static PrefixReplayContent Create(Action<HttpContent>? configure = null)
    {
        var original = new ByteArrayContent(Encoding.ASCII.GetBytes("abcdefgh"));
        original.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        configure?.Invoke(original);
        var rest = original.ReadAsStream();
        var prefix = new byte[3];
        rest.ReadExactly(prefix);
        return new PrefixReplayContent(original, rest, prefix);
    }

    [Test]
    public async Task ReadAsStringAsync_ReplaysThePrefixThenTheRest()
    {
        using var content = Create();

        Assert.That(await content.ReadAsStringAsync(), Is.EqualTo("abcdefgh"));
    }

    [Test]
    public async Task CopyToAsync_WritesThePrefixThenTheRest()
    {
        using var content = Create();
        using var target = new MemoryStream();

        await content.CopyToAsync(target);

        Assert.That(Encoding.ASCII.GetString(target.ToArray()), Is.EqualTo("abcdefgh"));
    }

    [Test]
    public void CopyTo_Synchronous_WritesThePrefixThenTheRest()
    {
        using var content = Create();
        using var target = new MemoryStream();

        content.CopyTo(target, null, default);

        Assert.That(Encoding.ASCII.GetString(target.ToArray()), Is.EqualTo("abcdefgh"));
    }

    [Test]
    public void ReadAsStream_Synchronous_ReplaysThePrefixThenTheRest()
    {
        using var content = Create();
        using var reader = new StreamReader(content.ReadAsStream(), Encoding.ASCII);

        Assert.That(reader.ReadToEnd(), Is.EqualTo("abcdefgh"));
    }

    [Test]
    public async Task ReadAsStreamAsync_IsStreamedNotBuffered()
    {
        using var content = Create();

        await using var stream = await content.ReadAsStreamAsync();

        Assert.That(stream, Is.TypeOf<PrefixReplayStream>());
    }

    [Test]
    public void Headers_AreTheOriginalsIncludingAComputedLength()
    {
        using var content = Create(o => o.Headers.TryAddWithoutValidation("Content-Language", "en"));

        Assert.That(content.Headers.ContentType!.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(content.Headers.ContentLanguage, Is.EqualTo(new[] { "en" }));
        Assert.That(content.Headers.ContentLength, Is.EqualTo(8), "the in-memory original computes its length rather than storing it");
    }

    [Test]
    public void Headers_OriginalWithoutALength_HasNone()
    {
        using var original = new StreamedResponseContent(new MemoryStream(Encoding.ASCII.GetBytes("defgh")));
        using var content = new PrefixReplayContent(original, new MemoryStream(Encoding.ASCII.GetBytes("defgh")), Encoding.ASCII.GetBytes("abc"));

        Assert.That(content.Headers.ContentLength, Is.Null);
    }

    [Test]
    public void Dispose_DisposesTheOriginalAndTheRest()
    {
        var rest = new CountingStream(5);
        var original = new TrackingContent(new ByteArrayContent([]));
        var content = new PrefixReplayContent(original, rest, Encoding.ASCII.GetBytes("abc"));

        content.Dispose();

        Assert.That(rest.Disposed, Is.True);
        Assert.That(original.Disposed, Is.True);
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await content.ReadAsStringAsync(), "a disposed content cannot be read again");
    }
}
