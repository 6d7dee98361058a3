using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    [Test]
    public void AppendWritten_ExactlyFillingTheBuffer_DoesNotGrow()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("01234567"u8);

            builder.AppendWritten(0, 8);

            Assert.That(Text(builder.Written), Is.EqualTo("0123456701234567"));
            Assert.That(Room(ref builder), Is.Zero);
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_AsciiThatFitsThenExactlyFills_DoesNotGrow()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("0123456789");
            int roomAfterFirst = Room(ref builder);
            builder.AppendUtf8("abcdef");

            Assert.That(Text(builder.Written), Is.EqualTo("0123456789abcdef"));
            Assert.That(roomAfterFirst, Is.EqualTo(6));
            Assert.That(Room(ref builder), Is.Zero);
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_AsciiFarPastCapacity_GrowsOnceToThePowerOfTwoThatFits()
    {
        // 110 bytes: one growth to the pool's 128-byte array (not via the non-ASCII path's 3-bytes-a-char reserve).
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("0123456789");
            builder.AppendUtf8(new string('y', 100));

            Assert.That(builder.Length, Is.EqualTo(110));
            Assert.That(Room(ref builder), Is.EqualTo(128 - 110));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_NonAsciiThatFits_DoesNotGrow()
    {
        // After the ASCII part, the rest needs at most 6 bytes here (UTF-8's worst case for one char); 10 + 6 fits 16.
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("ab\u00e9");
            int roomAfterFirst = Room(ref builder);
            builder.AppendUtf8("cdefgh\u00e9");

            Assert.That(Encoding.UTF8.GetString(builder.Written), Is.EqualTo("ab\u00e9cdefgh\u00e9"));
            Assert.That(roomAfterFirst, Is.EqualTo(12));
            Assert.That(Room(ref builder), Is.EqualTo(4));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendUtf8_NonAsciiAfterAsciiNearTheEnd_GrowsForTheWorstCaseOfTheRest()
    {
        // 12 ASCII bytes fit the 16-byte buffer; the non-ASCII rest may need 6 more, so the buffer grows to 32.
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendUtf8("0123456789ab\u00e9");

            Assert.That(Encoding.UTF8.GetString(builder.Written), Is.EqualTo("0123456789ab\u00e9"));
            Assert.That(Room(ref builder), Is.EqualTo(32 - 14));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendLowerAscii_ThatFitsThenExactlyFills_DoesNotGrow()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendLowerAscii("ABCDEFGHIJ");
            int roomAfterFirst = Room(ref builder);
            builder.AppendLowerAscii("KLMNOP");

            Assert.That(Text(builder.Written), Is.EqualTo("abcdefghijklmnop"));
            Assert.That(roomAfterFirst, Is.EqualTo(6));
            Assert.That(Room(ref builder), Is.Zero);
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendLowerAscii_FarPastCapacity_GrowsOnceWithoutAnIntermediateBuffer()
    {
        // A planted 32-byte array waits in this thread's pool slot: growing 16 -> 32 -> 64 byte by byte would take it,
        // write the name into it and clear it; growing once, straight to 64, leaves it untouched.
        byte[] planted = ArrayPool<byte>.Shared.Rent(32);
        planted.AsSpan().Fill(0xFF);
        ArrayPool<byte>.Shared.Return(planted);
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendLowerAscii(new string('A', 40));

            Assert.That(Text(builder.Written), Is.EqualTo(new string('a', 40)));
            Assert.That(Room(ref builder), Is.EqualTo(64 - 40));
            Assert.That(planted, Is.All.EqualTo((byte)0xFF));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void AppendLowerAscii_U0080_EncodedAsTwoUtf8Bytes()
    {
        // U+0080 is the first character that is not ASCII: it must not be written as the single byte 0x80.
        var builder = new Utf8Builder(16);
        try
        {
            builder.AppendLowerAscii("A\u0080\u007f");

            Assert.That(Convert.ToHexString(builder.Written), Is.EqualTo("61C2807F"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void GetSpan_HintExactlyFillingTheBuffer_DoesNotGrow()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("0123456789abc"u8);

            int span = builder.GetSpan(3).Length;

            Assert.That(span, Is.EqualTo(3));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void Dispose_Buffer_ReturnedToThePool()
    {
        var builder = new Utf8Builder(2048);
        builder.Append("x"u8);
        ReadOnlySpan<byte> used = builder.Slice(0, 1);

        builder.Dispose();

        byte[] next = ArrayPool<byte>.Shared.Rent(2048);
        bool same = SameArray(used, next);
        ArrayPool<byte>.Shared.Return(next);
        Assert.That(same, Is.True, "the next rent on this thread gets the buffer back");
    }

    [Test]
    public void Grow_OldBuffer_ReturnedToThePool()
    {
        var builder = new Utf8Builder(16);
        try
        {
            builder.Append("0123456789abcdef"u8);
            ReadOnlySpan<byte> old = builder.Slice(0, 1);

            builder.Append((byte)'!');

            byte[] next = ArrayPool<byte>.Shared.Rent(16);
            bool same = SameArray(old, next);
            ArrayPool<byte>.Shared.Return(next);
            Assert.That(same, Is.True, "the next 16-byte rent on this thread gets the old buffer back");
            Assert.That(Text(builder.Written), Is.EqualTo("0123456789abcdef!"));
        }
        finally
        {
            builder.Dispose();
        }
    }

    [Test]
    public void Dispose_ZeroCapacityBuilder_NothingToReturn()
    {
        var builder = new Utf8Builder(0);
        builder.Append("abc"u8);
        string text = Text(builder.Written);

        builder.Dispose();

        Assert.That(text, Is.EqualTo("abc"));
        Assert.That(builder.Length, Is.Zero);
    }

    /// <summary>The free bytes after what was written (the capacity of the rented array, less the length).</summary>
    private static int Room(ref Utf8Builder builder) => builder.GetSpan(0).Length;

    private static bool SameArray(ReadOnlySpan<byte> span, byte[] array) =>
        Unsafe.AreSame(ref MemoryMarshal.GetReference(span), ref array[0]);

    private static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
