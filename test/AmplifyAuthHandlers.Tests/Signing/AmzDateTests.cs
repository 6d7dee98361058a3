using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Tests.Signing;

[TestFixture]
public sealed class AmzDateTests
{
    [Test]
    public void Create_TimeWithOffset_WritesTheUtcTimestampZeroPadded()
    {
        // 2001-02-03 01:02:03 at +05:00 is 2001-02-02 20:02:03 UTC: every field needs its leading zero but the hour.
        var time = new DateTimeOffset(2001, 2, 3, 1, 2, 3, TimeSpan.FromHours(5));

        AmzDate date = AmzDate.Create(time);

        Assert.Multiple(() =>
        {
            Assert.That(date.Text, Is.EqualTo("20010202T200203Z"));
            Assert.That(date.Date.ToString(), Is.EqualTo("20010202"));
            Assert.That(date.UnixSeconds, Is.EqualTo(time.ToUnixTimeSeconds()));
            Assert.That(date.DayNumber, Is.EqualTo(new DateOnly(2001, 2, 2).DayNumber));
        });
    }

    [Test]
    public void Create_FirstAndLastSecondOfADay_SameDayNumberNextDayOneMore()
    {
        AmzDate first = AmzDate.Create(new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero));
        AmzDate last = AmzDate.Create(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        AmzDate next = AmzDate.Create(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Multiple(() =>
        {
            Assert.That(last.Text, Is.EqualTo("20261231T235959Z"));
            Assert.That(next.Text, Is.EqualTo("20270101T000000Z"));
            Assert.That(last.DayNumber, Is.EqualTo(first.DayNumber));
            Assert.That(next.DayNumber, Is.EqualTo(first.DayNumber + 1));
        });
    }
}
