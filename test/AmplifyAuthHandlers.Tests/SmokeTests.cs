namespace AmplifyAuthHandlers.Tests;

[TestFixture]
public sealed class SmokeTests
{
    [Test]
    public void Message_IsKept() => Assert.That(new AmplifyException("x").Message, Is.EqualTo("x"));
}
