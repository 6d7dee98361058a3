namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class CanonicalPathTests
{
    [TestCase("/a%20b", "/a%2520b", TestName = "Append_EscapedSpace_EncodedOnceMore")]
    [TestCase("/user@example.com", "/user%40example.com", TestName = "Append_AtSign_EncodedAs40")]
    [TestCase("/a%2Fb", "/a%252Fb", TestName = "Append_EncodedSlash_EncodedOnceMore")]
    [TestCase("/%E1%88%B4", "/%25E1%2588%25B4", TestName = "Append_EscapedUtf8_EncodedOnceMore")]
    [TestCase("/$x:y(z)", "/%24x%3Ay%28z%29", TestName = "Append_ReservedCharacters_Encoded")]
    [TestCase("/-._~AZaz09", "/-._~AZaz09", TestName = "Append_Unreserved_Unchanged")]
    public void Append_DoubleEncoding(string wirePath, string expected) =>
        Assert.That(CanonicalForms.Path(wirePath), Is.EqualTo(expected));

    [TestCase("//a///b//", "/a/b/", TestName = "Append_RepeatedSlashes_Collapsed")]
    [TestCase("///", "/", TestName = "Append_OnlySlashes_SingleSlash")]
    [TestCase("/a/./b/../c", "/a/c", TestName = "Append_DotSegments_Removed")]
    [TestCase("/a/b/..", "/a/", TestName = "Append_TrailingDotDot_KeepsDirectorySlash")]
    [TestCase("/../../a", "/a", TestName = "Append_DotDotAboveRoot_StaysAtRoot")]
    [TestCase("/a/b", "/a/b", TestName = "Append_PlainPath_Unchanged")]
    [TestCase("", "/", TestName = "Append_EmptyPath_Slash")]
    public void Append_Normalization(string wirePath, string expected) =>
        Assert.That(CanonicalForms.Path(wirePath), Is.EqualTo(expected));

    [TestCase("/a%20b//./c", "/a%20b//./c", TestName = "Append_S3Style_EncodedOnceNotNormalised")]
    [TestCase("/a b", "/a%20b", TestName = "Append_S3StyleRawSpace_EncodedOnce")]
    [TestCase("/a%2Fb/c", "/a%2Fb/c", TestName = "Append_S3StyleEncodedSlash_StaysEncoded")]
    [TestCase("/a%7eb", "/a~b", TestName = "Append_S3StyleEscapedUnreserved_Decoded")]
    public void Append_S3Style(string wirePath, string expected) =>
        Assert.That(CanonicalForms.Path(wirePath, normalize: false, doubleEncode: false), Is.EqualTo(expected));

    [Test]
    public void Append_LongPath_NormalisedBeyondStackBuffer()
    {
        string segment = new('a', 100);
        string path = string.Concat(Enumerable.Repeat("/" + segment + "//.", 10));

        Assert.That(CanonicalForms.Path(path), Is.EqualTo(string.Concat(Enumerable.Repeat("/" + segment, 10)) + "/"));
    }
}
