using System.Buffers;

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

    [TestCase("/a%0X", "/a%250X", TestName = "Append_S3StyleBadEscape_LiteralPercent")]
    [TestCase("/a%2G", "/a%252G", TestName = "Append_S3StyleBadLowDigit_LiteralPercent")]
    [TestCase("/a%4", "/a%254", TestName = "Append_S3StyleTrailingHalfEscape_LiteralPercent")]
    [TestCase("/%", "/%25", TestName = "Append_S3StylePercentAlone_LiteralPercent")]
    [TestCase("/a%2fb%3a", "/a%2Fb%3A", TestName = "Append_S3StyleLowerCaseHex_ReencodedUpperCase")]
    [TestCase("/a+b", "/a%2Bb", TestName = "Append_S3StylePlus_StaysAPlus")]
    [TestCase("/\u0080\u007f", "/%C2%80%7F", TestName = "Append_S3StyleAsciiBoundary_EncodedAsUtf8")]
    public void Append_S3StyleEdgeCases(string wirePath, string expected) =>
        Assert.That(CanonicalForms.Path(wirePath, normalize: false, doubleEncode: false), Is.EqualTo(expected));

    [TestCase("/a%4", "/a%254", TestName = "Append_TrailingHalfEscape_PercentEncodedOnceMore")]
    [TestCase("/a+b", "/a%2Bb", TestName = "Append_Plus_Encoded")]
    [TestCase("/\u0080\u007f", "/%C2%80%7F", TestName = "Append_AsciiBoundary_EncodedAsUtf8")]
    [TestCase("/a/b/../../..", "/", TestName = "Append_DotDotsBackToTheRoot_Slash")]
    [TestCase("/a/.", "/a/", TestName = "Append_TrailingDot_KeepsDirectorySlash")]
    [TestCase("a/b", "/a/b", TestName = "Append_NoLeadingSlash_RootedAtSlash")]
    [TestCase("/abc/de/../f", "/abc/f", TestName = "Append_DotDotAfterMultiCharacterSegment_RemovesTheWholeSegment")]
    public void Append_NormalisedEdgeCases(string wirePath, string expected) =>
        Assert.That(CanonicalForms.Path(wirePath), Is.EqualTo(expected));

    [TestCase(509)]
    [TestCase(510)]
    [TestCase(511)]
    [TestCase(512)]
    [TestCase(513)]
    [TestCase(514)]
    public void Append_PathAroundTheStackBufferSize_NormalisedWhole(int length)
    {
        // One long segment: the normaliser writes length + 1 characters before it drops the trailing slash.
        string path = "/" + new string('a', length - 1);

        Assert.That(CanonicalForms.Path(path), Is.EqualTo(path));
    }

    [TestCase(511)]
    [TestCase(512)]
    [TestCase(513)]
    public void Append_LongPathWithTrailingSlash_KeptAsDirectory(int length)
    {
        string path = "/" + new string('b', length - 2) + "/";

        Assert.That(CanonicalForms.Path(path), Is.EqualTo(path));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Append_SurrogatePairInPath_EncodedAsFourUtf8BytesThenTheRest(bool doubleEncode) =>
        Assert.That(CanonicalForms.Path("/a\U0001F600b/c", normalize: false, doubleEncode), Is.EqualTo("/a%F0%9F%98%80b/c"));

    [Test]
    public void Append_PathThatJustFitsTheStackBuffer_RentsNoArray()
    {
        // 510 chars plus the two the normalised form may add fill the 512-char stack buffer exactly: the array
        // planted in this thread's pool slot for 512 chars stays untouched.
        char[] planted = ArrayPool<char>.Shared.Rent(512);
        planted.AsSpan().Fill('\uffff');
        ArrayPool<char>.Shared.Return(planted);
        string path = "/" + new string('a', 509);

        string canonical = CanonicalForms.Path(path);

        Assert.That(canonical, Is.EqualTo(path));
        Assert.That(planted, Is.All.EqualTo('\uffff'));
    }

    [Test]
    public void Append_PathLongerThanTheStackBuffer_RentedArrayReturnedToThePool()
    {
        char[] planted = ArrayPool<char>.Shared.Rent(1024);
        ArrayPool<char>.Shared.Return(planted);
        string path = "/" + new string('b', 999);

        string canonical = CanonicalForms.Path(path);

        char[] next = ArrayPool<char>.Shared.Rent(1024);
        ArrayPool<char>.Shared.Return(next);
        Assert.That(canonical, Is.EqualTo(path));
        Assert.That(next, Is.SameAs(planted));
    }
}
