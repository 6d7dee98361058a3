using System.Text;
using System.Text.Json;

namespace AmplifyAuthHandlers.Tests.Rest;

[TestFixture]
public sealed class AmplifyRestBodyTests
{
    [Test]
    public async Task FromBytes_DefaultMediaType_IsOctetStreamAndTheBytesAsGiven()
    {
        var body = AmplifyRestBody.FromBytes(new byte[] { 1, 0, 255 });

        using var content = body.ToContent();

        Assert.That(body.ContentType, Is.EqualTo("application/octet-stream"));
        Assert.That(content.Headers.ContentType!.ToString(), Is.EqualTo("application/octet-stream"));
        Assert.That(await content.ReadAsByteArrayAsync(), Is.EqualTo(new byte[] { 1, 0, 255 }));
    }

    [Test]
    public void FromBytes_GivenMediaType_IsTheContentType()
    {
        var body = AmplifyRestBody.FromBytes(Array.Empty<byte>(), "image/png");

        using var content = body.ToContent();

        Assert.That(body.ContentType, Is.EqualTo("image/png"));
        Assert.That(content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
        Assert.That(content.Headers.ContentLength, Is.Zero);
    }

    [Test]
    public async Task FromString_DefaultMediaType_IsUtf8PlainText()
    {
        var body = AmplifyRestBody.FromString("h\u00e9llo");

        using var content = body.ToContent();

        Assert.That(body.ContentType, Is.EqualTo("text/plain; charset=utf-8"));
        Assert.That(content.Headers.ContentType!.CharSet, Is.EqualTo("utf-8"));
        Assert.That(await content.ReadAsByteArrayAsync(), Is.EqualTo(Encoding.UTF8.GetBytes("h\u00e9llo")));
    }

    [Test]
    public void FromString_GivenMediaType_GetsTheUtf8Charset()
    {
        var body = AmplifyRestBody.FromString("<a/>", "application/xml");

        Assert.That(body.ContentType, Is.EqualTo("application/xml; charset=utf-8"));
    }

    [Test]
    public async Task FromJson_WithoutOptions_UsesWebDefaultsCamelCase()
    {
        var body = AmplifyRestBody.FromJson(new Sample("pen", 2));

        using var content = body.ToContent();

        Assert.That(body.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(await content.ReadAsStringAsync(), Is.EqualTo("""{"itemName":"pen","itemCount":2}"""));
    }

    [Test]
    public async Task FromJson_WithOptions_UsesThem()
    {
        var body = AmplifyRestBody.FromJson(new Sample("pen", 2), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });

        using var content = body.ToContent();

        Assert.That(await content.ReadAsStringAsync(), Is.EqualTo("""{"item_name":"pen","item_count":2}"""));
    }

    [Test]
    public void ToContent_CalledTwice_GivesTwoContentsOfTheSameBytes()
    {
        var body = AmplifyRestBody.FromString("once");

        using var first = body.ToContent();
        using var second = body.ToContent();

        Assert.That(second, Is.Not.SameAs(first), "a retry or a second request gets a fresh content");
        Assert.That(second.ReadAsStringAsync().Result, Is.EqualTo(first.ReadAsStringAsync().Result));
    }

    [Test]
    public void Factories_MissingArguments_ThrowNamingTheParameter()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentException>(() => AmplifyRestBody.FromBytes(new byte[1], " "))!.ParamName, Is.EqualTo("contentType"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => AmplifyRestBody.FromBytes(new byte[1], null!))!.ParamName, Is.EqualTo("contentType"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => AmplifyRestBody.FromString(null!))!.ParamName, Is.EqualTo("text"));
            Assert.That(Assert.Throws<ArgumentException>(() => AmplifyRestBody.FromString("x", ""))!.ParamName, Is.EqualTo("mediaType"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => AmplifyRestBody.FromJson(1, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<int>)null!))!.ParamName, Is.EqualTo("typeInfo"));
        });
    }

    public sealed record Sample(string ItemName, int ItemCount);
}
