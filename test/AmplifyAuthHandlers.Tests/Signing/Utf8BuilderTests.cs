using System.Text;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

/// <summary>The builder starts at the pool's smallest array (16 bytes), so every append below crosses a growth.</summary>
[TestFixture]
public sealed class Utf8BuilderTests
{
    [Test]
    public void Append_BytePastCapacity_Grows()
    {
        var builder = new Utf8Builder(16);
        try
        {
            for (int i = 0; i < 40; i++)
            {
                builder.Append((byte)('a' + (i % 26)));
            }

            Assert.That(Text(builder.Written), Is.EqualTo("abcdefghijklmnopqrstuvwxyzabcdefghijklmn"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void Append_SpanMuchLargerThanCapacity_GrowsToFit()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("0123456789"u8);
            builder.Append(Encoding.ASCII.GetBytes(new string('x', 100)));

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789" + new string('x', 100)));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendWritten_PastCapacity_CopiesTheEarlierBytes()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("0123456789ab"u8);

            builder.AppendWritten(2, 8);

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789ab23456789"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_AsciiPastCapacity_Grows()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("0123456789");
            builder.AppendUtf8(new string('y', 100));

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789" + new string('y', 100)));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_NonAsciiAfterAsciiAtTheEndOfTheBuffer_EncodedAsUtf8()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("123456789012345\u20ac\U0001F600z");

            Assert.That(Convert.ToHexString(builder.Written), Is.EqualTo(Convert.ToHexString(Encoding.UTF8.GetBytes("123456789012345\u20ac\U0001F600z"))));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendLowerAscii_NonAsciiName_LowersOnlyAsciiLettersKeepsTheRest()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendLowerAscii("X-\u00c4@AZ[`az\u00e9" + new string('Q', 20));

            Assert.That(Encoding.UTF8.GetString(builder.Written), Is.EqualTo("x-\u00c4@az[`az\u00e9" + new string('q', 20)));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendLowerAscii_AsciiPastCapacity_Grows()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendLowerAscii("0123456789");
            builder.AppendLowerAscii("X-AMZ-" + new string('Z', 30));

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789x-amz-" + new string('z', 30)));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void GetSpan_NearlyFull_GrowsToTheHintAndAdvanceCommitsIt()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("0123456789abcde"u8);

            Span<byte> span = builder.GetSpan(3);
            "XYZ"u8.CopyTo(span);
            builder.Advance(3);

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789abcdeXYZ"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void SliceAndWritableSlice_WithinWritten_ViewTheSameBytes()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("abcdef"u8);

            builder.WritableSlice(1, 2).Fill((byte)'-');

            Assert.That(Text(builder.Slice(0, 4)), Is.EqualTo("a--d"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void Grow_OldBuffer_ClearedBeforeItGoesBackToThePool()
    {
        // The canonical request carries the session token: a buffer handed back to the shared pool holds none of it.
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("FwoGZXIvYXdzTOKN"u8);
            ReadOnlySpan<byte> before = builder.Written;

            builder.Append((byte)'!');

            byte[] old = before.ToArray();
            string now = Text(builder.Written);

            Assert.That(old, Is.All.Zero);
            Assert.That(now, Is.EqualTo("FwoGZXIvYXdzTOKN!"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void Dispose_Written_ClearedAndEmpty()
    {
        var builder = new Utf8Builder(64);
        builder.Append("FwoGZXIvYXdzTOKEN"u8);
        ReadOnlySpan<byte> written = builder.Written;

        builder.Dispose();

        byte[] after = written.ToArray();
        int length = builder.Length;
        builder.Dispose();

        Assert.That(after, Is.All.Zero);
        Assert.That(length, Is.Zero);
    }

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
