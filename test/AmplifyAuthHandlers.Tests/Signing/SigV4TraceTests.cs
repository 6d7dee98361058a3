using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class SigV4TraceTests
{
    [Test]
    public void New_NothingSigned_TextsEmptyAndToStringRedacted()
    {
        var trace = new SigV4Trace();

        Assert.Multiple(() =>
        {
            Assert.That(trace.CanonicalRequest, Is.Empty);
            Assert.That(trace.StringToSign, Is.Empty);
            Assert.That(trace.Signature, Is.Empty);
            Assert.That(trace.ToString(), Is.EqualTo("SigV4Trace (redacted)"));
        });
    }
}
