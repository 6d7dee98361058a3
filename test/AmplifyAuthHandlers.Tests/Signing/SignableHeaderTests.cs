using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class SignableHeaderTests
{
    [Test]
    public void ToString_SessionTokenHeader_NamesTheHeaderWithoutItsValue() =>
        Assert.That(new SignableHeader("X-Amz-Security-Token", "FwoGZXIvYXdzTOKEN").ToString(), Is.EqualTo("SignableHeader { Name = X-Amz-Security-Token }"));
}
