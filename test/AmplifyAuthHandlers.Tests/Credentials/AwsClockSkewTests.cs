using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class AwsClockSkewTests
{
    private static readonly Uri Api = new("https://abc.execute-api.us-west-2.amazonaws.com/dev/items?x=1");
    private static readonly Uri SameOrigin = new("https://ABC.execute-api.us-west-2.amazonaws.com:443/other");
    private static readonly Uri OtherOrigin = new("https://abc.execute-api.us-west-2.amazonaws.com:8443/dev");

    private FakeTimeProvider _time = null!;
    private AwsClockSkew _clock = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _clock = new AwsClockSkew(_time);
    }

    [Test]
    public void TryRecord_ServerAhead_IsUsedForThatOriginOnly()
    {
        var recorded = _clock.TryRecord(Api, _time.GetUtcNow().AddMinutes(7), out var offset, out var firstRefusal);

        Assert.That((recorded, offset, firstRefusal), Is.EqualTo((true, TimeSpan.FromMinutes(7), false)));
        Assert.That(_clock.OffsetFor(SameOrigin), Is.EqualTo(TimeSpan.FromMinutes(7)));
        Assert.That(_clock.UtcNowFor(SameOrigin), Is.EqualTo(_time.GetUtcNow().AddMinutes(7)));
        Assert.That(_clock.OffsetFor(OtherOrigin), Is.EqualTo(TimeSpan.Zero));
        Assert.That(_clock.UtcNowFor(OtherOrigin), Is.EqualTo(_time.GetUtcNow()));
        Assert.That(_clock.TimeProvider, Is.SameAs(_time));
    }

    [Test]
    public void TryRecord_ServerBehind_RecordsANegativeOffsetAndALaterAnswerReplacesIt()
    {
        _clock.TryRecord(Api, _time.GetUtcNow().AddMinutes(-7), out _, out _);
        Assert.That(_clock.OffsetFor(Api), Is.EqualTo(TimeSpan.FromMinutes(-7)));

        _clock.TryRecord(Api, _time.GetUtcNow().AddSeconds(30), out _, out _);
        Assert.That(_clock.OffsetFor(Api), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase(1)]
    [TestCase(-1)]
    public void TryRecord_ExactlyTheMaximumCorrection_IsAccepted(int sign)
    {
        var recorded = _clock.TryRecord(Api, _time.GetUtcNow() + (sign * AwsClockSkew.MaxCorrection), out var offset, out var firstRefusal);

        Assert.That((recorded, firstRefusal), Is.EqualTo((true, false)));
        Assert.That(_clock.OffsetFor(Api), Is.EqualTo(sign * AwsClockSkew.MaxCorrection));
        Assert.That(offset, Is.EqualTo(sign * AwsClockSkew.MaxCorrection));
    }

    [TestCase(1)]
    [TestCase(-1)]
    public void TryRecord_BeyondTheMaximum_IsRefusedAndReportedAsFirstOncePerOrigin(int sign)
    {
        _clock.TryRecord(Api, _time.GetUtcNow().AddMinutes(3), out _, out _);
        var beyond = _time.GetUtcNow() + (sign * (AwsClockSkew.MaxCorrection + TimeSpan.FromSeconds(1)));

        var first = _clock.TryRecord(Api, beyond, out var offset, out var firstRefusal);
        var second = _clock.TryRecord(SameOrigin, beyond, out _, out var secondRefusal);
        var other = _clock.TryRecord(OtherOrigin, beyond, out _, out var otherRefusal);

        Assert.That((first, firstRefusal), Is.EqualTo((false, true)));
        Assert.That(offset, Is.EqualTo(beyond - _time.GetUtcNow()), "the refused offset is reported, for the warning");
        Assert.That((second, secondRefusal), Is.EqualTo((false, false)));
        Assert.That((other, otherRefusal), Is.EqualTo((false, true)));
        Assert.That(_clock.OffsetFor(Api), Is.EqualTo(TimeSpan.FromMinutes(3)), "the last accepted offset stays");
    }

    [TestCase("https://abc.example.com/dev?q=1", ExpectedResult = "https://abc.example.com:443")]
    [TestCase("http://127.0.0.1:8080/dev", ExpectedResult = "http://127.0.0.1:8080")]
    [TestCase("https://ABC.Example.com/", ExpectedResult = "https://abc.example.com:443")]
    [TestCase("https://bücher.example/", ExpectedResult = "https://xn--bcher-kva.example:443")]
    public string OriginOf_Uri_IsSchemeIdnHostAndExplicitPort(string uri) => AwsClockSkew.OriginOf(new Uri(uri));
}
