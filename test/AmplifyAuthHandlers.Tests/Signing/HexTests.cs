using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class HexTests
{
    [Test]
    public void WriteLower_EveryNibble_LowerCaseTwoDigitsPerByteAndNothingPastThem()
    {
        byte[] source = [0x00, 0x09, 0x0A, 0x0F, 0x10, 0x9F, 0xA0, 0xFF, 0x5C];
        byte[] destination = Enumerable.Repeat((byte)'#', 20).ToArray();

        Hex.WriteLower(source, destination);

        Assert.That(System.Text.Encoding.ASCII.GetString(destination), Is.EqualTo("00090a0f109fa0ff5c##"));
    }

    [TestCase('0', 0)]
    [TestCase('9', 9)]
    [TestCase('A', 10)]
    [TestCase('F', 15)]
    [TestCase('a', 10)]
    [TestCase('f', 15)]
    [TestCase('/', -1)]
    [TestCase(':', -1)]
    [TestCase('@', -1)]
    [TestCase('G', -1)]
    [TestCase('`', -1)]
    [TestCase('g', -1)]
    [TestCase('\u0660', -1)]
    public void DigitValue_Character_ValueOrMinusOne(char c, int expected) =>
        Assert.That(Hex.DigitValue(c), Is.EqualTo(expected));
}
