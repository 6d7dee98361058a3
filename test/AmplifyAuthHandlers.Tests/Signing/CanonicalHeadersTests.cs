using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class CanonicalHeadersTests
{
    [TestCase("Connection")]
    [TestCase("keep-alive")]
    [TestCase("Proxy-Authorization")]
    [TestCase("proxy-connection")]
    [TestCase("TE")]
    [TestCase("Trailer")]
    [TestCase("Transfer-Encoding")]
    [TestCase("Upgrade")]
    [TestCase("Expect")]
    [TestCase("User-Agent")]
    [TestCase("Via")]
    [TestCase("X-Forwarded-For")]
    [TestCase("X-Forwarded-Host")]
    [TestCase("x-forwarded-proto")]
    [TestCase("X-Amzn-Trace-Id")]
    [TestCase("Authorization")]
    [TestCase("Host")]
    public void IsSignable_HopByHopProxyMutableOrHandledSeparately_False(string name) =>
        Assert.That(CanonicalHeaders.IsSignable(name), Is.False);

    [TestCase("Content-Type")]
    [TestCase("Content-Length")]
    [TestCase("X-Amz-Date")]
    [TestCase("x-amz-security-token")]
    [TestCase("Accept")]
    [TestCase("X-Api-Key")]
    [TestCase("X-Custom")]
    [TestCase("Tea")]
    public void IsSignable_OrdinaryHeader_True(string name) =>
        Assert.That(CanonicalHeaders.IsSignable(name), Is.True);

    [TestCase("  a   b\t\t c  ", "a b c")]
    [TestCase("\"a   b   c\"", "\"a b c\"")]
    [TestCase("plain", "plain")]
    [TestCase("   ", "")]
    public void AppendTrimmedValue_Whitespace_TrimmedAndInnerRunsCollapsed(string value, string expected) =>
        Assert.That(CanonicalForms.HeaderValue(value), Is.EqualTo(expected));

    [Test]
    public void Sort_MixedCaseNames_SortedByLowercaseName()
    {
        SignableHeader[] headers = [new("X-b", "1"), new("host", "h"), new("Content-Type", "t"), new("x-A", "2")];

        CanonicalHeaders.Sort(headers);

        Assert.That(headers.Select(h => h.Name), Is.EqualTo(new[] { "Content-Type", "host", "x-A", "X-b" }));
    }

    [Test]
    public void Sort_NameThatExtendsAnother_ShorterFirst()
    {
        SignableHeader[] headers = [new("x-ab", "2"), new("X-A", "1"), new("x-abc", "3")];

        CanonicalHeaders.Sort(headers);

        Assert.That(headers.Select(h => h.Name), Is.EqualTo(new[] { "X-A", "x-ab", "x-abc" }));
    }

    [Test]
    public void Sort_UpperCaseLettersAtTheAlphabetsEnds_ComparedAsLowerCase()
    {
        // Lower-cased, 'A' (0x61) and 'Z' (0x7A) sort after '_' (0x5F) and before '~' (0x7E); as sent they would not.
        SignableHeader[] headers = [new("x-~", "4"), new("X-Z", "3"), new("X-A", "2"), new("x-_", "1")];

        CanonicalHeaders.Sort(headers);

        Assert.That(headers.Select(h => h.Name), Is.EqualTo(new[] { "x-_", "X-A", "X-Z", "x-~" }));
    }

    [Test]
    public void CompareNames_SameNameInOtherCase_Equal() =>
        Assert.That(CanonicalHeaders.CompareNames("X-AMZ-Meta", "x-amz-meta"), Is.Zero);

    [Test]
    public void AppendCanonicalHeaders_SameNameInTwoCases_OneLineWithBothValues()
    {
        SignableHeader[] headers = [new("host", "h"), new("X-Dup", " a "), new("x-dup", "b")];
        var builder = new Utf8Builder(16);
        try
        {
            CanonicalHeaders.AppendCanonicalHeaders(ref builder, headers);
            CanonicalHeaders.AppendSignedHeaders(ref builder, headers);

            Assert.That(System.Text.Encoding.UTF8.GetString(builder.Written), Is.EqualTo("host:h\nx-dup:a,b\nhost;x-dup"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendCanonicalHeaders_NoHeaders_WritesNothing()
    {
        var builder = new Utf8Builder(16);
        try
        {
            CanonicalHeaders.AppendCanonicalHeaders(ref builder, []);

            Assert.That(builder.Length, Is.Zero);
        }
        finally
        {
            builder.Dispose();
        }
    }

    [TestCase("\u00a0a\u00a0", "\u00a0a\u00a0")]
    [TestCase("a \u00a0b", "a \u00a0b")]
    [TestCase(" a\u000b", "a\u000b")]
    public void AppendTrimmedValue_OtherUnicodeWhitespace_Kept(string value, string expected) =>
        Assert.That(CanonicalForms.HeaderValue(value), Is.EqualTo(expected));

    [TestCase("a\r\nb", "a b")]
    [TestCase("\ta\t", "a")]
    [TestCase("a \t \r\n b  c", "a b c")]
    public void AppendTrimmedValue_LineBreaksAndTabs_TreatedAsWhitespace(string value, string expected) =>
        Assert.That(CanonicalForms.HeaderValue(value), Is.EqualTo(expected));
}
