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
}
