using System.Buffers;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class CanonicalQueryTests
{
    [Test]
    public void Append_LowercaseEscapes_DecodedAndReencodedUppercase() =>
        Assert.That(CanonicalForms.Query("a=%7e%2f%3a"), Is.EqualTo("a=~%2F%3A"));

    [Test]
    public void Append_UnsortedKeys_SortedOrdinallyByEncodedKey() =>
        Assert.That(CanonicalForms.Query("b=1&B=2&a=3&_=4"), Is.EqualTo("B=2&_=4&a=3&b=1"));

    [Test]
    public void Append_RepeatedKey_KeptAndSortedByValue() =>
        Assert.That(CanonicalForms.Query("a=2&a=1&a=10&a=1"), Is.EqualTo("a=1&a=1&a=10&a=2"));

    [Test]
    public void Append_BareKey_SignedAsKeyEquals() =>
        Assert.That(CanonicalForms.Query("flag&a=1"), Is.EqualTo("a=1&flag="));

    [Test]
    public void Append_EmptyValue_SignedAsKeyEquals() =>
        Assert.That(CanonicalForms.Query("a=&b"), Is.EqualTo("a=&b="));

    [Test]
    public void Append_RawPlus_SignedAsSpaceLikeApiGatewayReadsIt() =>
        Assert.That(CanonicalForms.Query("q=a+b&x+y=1"), Is.EqualTo("q=a%20b&x%20y=1"));

    [Test]
    public void Append_RawPlusAndEscapedSpace_SignIdentically() =>
        Assert.That(CanonicalForms.Query("q=a+b"), Is.EqualTo(CanonicalForms.Query("q=a%20b")));

    [Test]
    public void Append_EscapedPlus_StaysALiteralPlus() =>
        Assert.That(CanonicalForms.Query("q=a%2Bb"), Is.EqualTo("q=a%2Bb"));

    [Test]
    public void Append_EscapedSpace_SignedAs20() =>
        Assert.That(CanonicalForms.Query("q=a%20b"), Is.EqualTo("q=a%20b"));

    [Test]
    public void Append_RawUnicode_EncodedAsUtf8() =>
        Assert.That(CanonicalForms.Query("\u00e9=\u1234"), Is.EqualTo("%C3%A9=%E1%88%B4"));

    [Test]
    public void Append_ReservedCharacters_Encoded() =>
        Assert.That(CanonicalForms.Query("a=!'()*,;:@/?"), Is.EqualTo("a=%21%27%28%29%2A%2C%3B%3A%40%2F%3F"));

    [Test]
    public void Append_KeysWhoseDecodedOrderDiffers_SortedByEncodedForm() =>
        Assert.That(CanonicalForms.Query("a=1&%C3%A9=2"), Is.EqualTo("%C3%A9=2&a=1"));

    [Test]
    public void Append_EqualsInValue_KeptInValue() =>
        Assert.That(CanonicalForms.Query("a=x=y"), Is.EqualTo("a=x%3Dy"));

    [Test]
    public void Append_EmptyPairs_Ignored() =>
        Assert.That(CanonicalForms.Query("a=1&&b=2&"), Is.EqualTo("a=1&b=2"));

    [Test]
    public void Append_LonePercent_SignedAsLiteralPercent() =>
        Assert.That(CanonicalForms.Query("a=100%&b=%zz"), Is.EqualTo("a=100%25&b=%25zz"));

    [Test]
    public void Append_MoreParametersThanStackBuffer_AllSorted()
    {
        string query = string.Join('&', Enumerable.Range(0, 50).Reverse().Select(i => $"k{i:D2}=v"));

        Assert.That(CanonicalForms.Query(query), Is.EqualTo(string.Join('&', Enumerable.Range(0, 50).Select(i => $"k{i:D2}=v"))));
    }

    [TestCase(17)]
    [TestCase(33)]
    [TestCase(5000)]
    public void Append_ManyParametersInRandomOrder_SortedLikeOrdinalOrderOfEncodedPairs(int count)
    {
        // Past the insertion-sort limit (16) and the stack buffer (32) the heapsort must give the same order as an
        // ordinal sort of the encoded key, then value; repeated keys and equal pairs included.
        var random = new Random(count);
        var pairs = Enumerable.Range(0, count)
            .Select(_ => (Key: "k" + random.Next(count / 3 + 1), Value: random.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var query = string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
        var expected = string.Join('&', pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

        Assert.That(CanonicalForms.Query(query), Is.EqualTo(expected));
    }

    [TestCase("a=%0A", "a=%0A", TestName = "Append_EscapeWithZeroHighDigit_Decoded")]
    [TestCase("a=%0X", "a=%250X", TestName = "Append_EscapeWithBadLowDigit_LiteralPercent")]
    [TestCase("a=%2G", "a=%252G", TestName = "Append_EscapeWithBadLowDigitAfterHexDigit_LiteralPercent")]
    [TestCase("a=%G2", "a=%25G2", TestName = "Append_EscapeWithBadHighDigit_LiteralPercent")]
    [TestCase("a=%4", "a=%254", TestName = "Append_TrailingHalfEscape_LiteralPercent")]
    [TestCase("a=%", "a=%25", TestName = "Append_PercentAlone_LiteralPercent")]
    [TestCase("a=%41%4", "a=A%254", TestName = "Append_WholeEscapeThenTrailingHalfEscape_DecodesOnlyTheWholeOne")]
    [TestCase("a=%2f%3a%7e%c3%a9", "a=%2F%3A~%C3%A9", TestName = "Append_LowerCaseHexEscapes_DecodedAndReencodedUpperCase")]
    [TestCase("a=%FF%ff", "a=%FF%FF", TestName = "Append_EscapedHighByte_KeptAsOneByte")]
    [TestCase("a=\u0080", "a=%C2%80", TestName = "Append_FirstNonAsciiCharacter_EncodedAsUtf8")]
    [TestCase("a=\u007f", "a=%7F", TestName = "Append_LastAsciiCharacter_EncodedAsOneByte")]
    [TestCase("a=\U0001F600", "a=%F0%9F%98%80", TestName = "Append_SurrogatePair_EncodedAsFourUtf8Bytes")]
    public void Append_PercentAndCharacterEdgeCases(string query, string expected) =>
        Assert.That(CanonicalForms.Query(query), Is.EqualTo(expected));

    [Test]
    public void Append_EmptyKey_SignedAsEmptyKeyAndSortedFirst() =>
        Assert.That(CanonicalForms.Query("b=2&=1&a"), Is.EqualTo("=1&a=&b=2"));

    [Test]
    public void Append_RepeatedKeysAndValues_SortedByKeyThenValueDuplicatesKept() =>
        Assert.That(CanonicalForms.Query("b=2&a=b&b=1&a=a&b=2&a="), Is.EqualTo("a=&a=a&a=b&b=1&b=2&b=2"));

    [Test]
    public void Append_KeyThatExtendsAnother_ShorterKeyFirst() =>
        Assert.That(CanonicalForms.Query("ab=1&a=2&abc=0"), Is.EqualTo("a=2&ab=1&abc=0"));

    [TestCase(17)]
    [TestCase(33)]
    public void Append_ManyParametersAlreadySorted_StaySorted(int count)
    {
        // Sorted input is what a heapsort that looks at only one child of the root gets wrong.
        string query = string.Join('&', Enumerable.Range(0, count).Select(i => $"k{i:D2}=v"));

        Assert.That(CanonicalForms.Query(query), Is.EqualTo(query));
    }

    [Test]
    public void Append_SeventeenParametersShuffled_Sorted()
    {
        int[] order = [0, 15, 7, 14, 16, 9, 12, 6, 8, 5, 1, 4, 11, 10, 2, 3, 13];
        string query = string.Join('&', order.Select(i => $"k{i:D2}=v"));

        Assert.That(CanonicalForms.Query(query), Is.EqualTo(string.Join('&', Enumerable.Range(0, 17).Select(i => $"k{i:D2}=v"))));
    }

    [Test]
    public void Append_RawPlusInKey_SignedAsSpace() =>
        Assert.That(CanonicalForms.Query("a+b=c+d"), Is.EqualTo("a%20b=c%20d"));

    [TestCase(12, 256)]
    [TestCase(100, 512)]
    public void Append_ScratchBuffer_SizedForThreeBytesACharClearedAndReturnedToThePool(int queryLength, int poolSize)
    {
        // The decoded pairs are written to a scratch buffer of max(256, 3 x length) bytes from the pool: the array
        // planted in that size's slot is the one used, cleared where the pairs were and handed back.
        byte[] planted = ArrayPool<byte>.Shared.Rent(poolSize);
        planted.AsSpan().Fill(0xFF);
        ArrayPool<byte>.Shared.Return(planted);
        string query = "token=" + new string('s', queryLength - 6);

        string canonical = CanonicalForms.Query(query);

        byte[] next = ArrayPool<byte>.Shared.Rent(poolSize);
        ArrayPool<byte>.Shared.Return(next);
        Assert.Multiple(() =>
        {
            Assert.That(canonical, Is.EqualTo(query));
            Assert.That(next, Is.SameAs(planted));
            Assert.That(planted.Take(queryLength - 1), Is.All.Zero, "the pairs (key and value, without '=') are cleared");
            Assert.That(planted[queryLength - 1], Is.EqualTo((byte)0xFF));
        });
    }

    [TestCase(16)]
    [TestCase(32)]
    [TestCase(34)]
    public void Append_ParameterCountsAroundEachBuffer_AllKeptInOrder(int count)
    {
        string query = string.Join('&', Enumerable.Range(0, count).Reverse().Select(i => $"k{i:D2}=v{i}"));

        Assert.That(CanonicalForms.Query(query), Is.EqualTo(string.Join('&', Enumerable.Range(0, count).Select(i => $"k{i:D2}=v{i}"))));
    }
}
