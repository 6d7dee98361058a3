using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CallerCredentialsCacheTests
{
    private FakeTimeProvider _time = null!;
    private FakeCallerCredentialsExchange _exchange = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _exchange = new FakeCallerCredentialsExchange(_time);
    }

    [Test]
    public async Task GetOrAddAsync_SameTokenTwice_ExchangesOnce()
    {
        var cache = new CallerCredentialsCache(_time);

        var first = await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        var second = await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        Assert.That(second, Is.SameAs(first));
        Assert.That(first.AccessKeyId, Is.EqualTo("AKID-id-a"));
        Assert.That(_exchange.Exchanges, Is.EqualTo(1));
    }

    [Test]
    public async Task GetOrAddAsync_WithinRefreshMarginOfExpiry_ExchangesAgain()
    {
        var cache = new CallerCredentialsCache(_time);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1) - CallerCredentialsCache.RefreshMargin - TimeSpan.FromSeconds(1));
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(2));
    }

    [Test]
    public async Task GetOrAddAsync_OverCapacity_EvictsTheLeastRecentlyUsedCaller()
    {
        var cache = new CallerCredentialsCache(_time, capacity: 2);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-c", _exchange, CancellationToken.None);
        Assert.That((cache.Count, _exchange.Exchanges), Is.EqualTo((2, 3)));

        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(3), "id-a was used recently and stays");

        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(4), "id-b was the least recently used and was evicted");
    }

    [Test]
    public async Task GetOrAddAsync_CallerExchangedAgain_ReplacesItsEntryRatherThanKeepingTwo()
    {
        var cache = new CallerCredentialsCache(_time, capacity: 1);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1) - CallerCredentialsCache.RefreshMargin);

        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        Assert.That((cache.Count, _exchange.Exchanges), Is.EqualTo((1, 2)), "the renewed entry stays cached: evicting the stale one must not drop it");
    }

    [Test]
    public async Task GetOrAddAsync_ExchangeFails_FailureIsCachedBrieflyThenRetried()
    {
        var cache = new CallerCredentialsCache(_time);
        _exchange.Failure = new AmplifyNotSignedInException("refused");

        Assert.ThrowsAsync<AmplifyNotSignedInException>(async () => await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None));
        _exchange.Failure = null;
        _time.Advance(CallerCredentialsCache.FailureLifetime - TimeSpan.FromSeconds(1));
        Assert.ThrowsAsync<AmplifyNotSignedInException>(async () => await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None));
        Assert.That(_exchange.Exchanges, Is.EqualTo(1), "a refused token is not sent to Cognito again at once");

        _time.Advance(TimeSpan.FromSeconds(1));
        var credentials = await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        Assert.That((credentials.AccessKeyId, _exchange.Exchanges), Is.EqualTo(("AKID-id-a", 2)));
    }

    [Test]
    public async Task GetOrAddAsync_FloodOfRefusedTokens_DoesNotEvictVerifiedCallers()
    {
        var cache = new CallerCredentialsCache(_time, capacity: 2);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);

        _exchange.Failure = new AmplifyNotSignedInException("refused");
        for (var i = 0; i < 20; i++)
        {
            Assert.ThrowsAsync<AmplifyNotSignedInException>(async () => await cache.GetOrAddAsync("junk-" + i, _exchange, CancellationToken.None));
        }

        _exchange.Failure = null;
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);

        Assert.That(_exchange.Exchanges, Is.EqualTo(22), "id-a and id-b were served from the cache");
        Assert.That(cache.Count, Is.LessThanOrEqualTo(cache.Capacity + cache.ProbationCapacity));
    }

    [Test]
    public async Task GetOrAddAsync_FloodOfPendingTokens_DoesNotEvictVerifiedCallers()
    {
        var cache = new CallerCredentialsCache(_time, capacity: 2);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _exchange.Gate = gate;
        var junk = Enumerable.Range(0, 20).Select(i => cache.GetOrAddAsync("junk-" + i, _exchange, CancellationToken.None).AsTask()).ToArray();
        _exchange.Gate = null;
        var a = await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        var pendingMeanwhile = junk.Count(t => !t.IsCompleted);
        gate.SetResult();
        var junkResults = await Task.WhenAll(junk);

        Assert.That(a.AccessKeyId, Is.EqualTo("AKID-id-a"));
        Assert.That(_exchange.Exchanges, Is.EqualTo(22), "id-a was served from the cache while 20 unverified exchanges were pending");
        Assert.That(pendingMeanwhile, Is.EqualTo(20));
        Assert.That(junkResults.Select(c => c.AccessKeyId), Is.EqualTo(Enumerable.Range(0, 20).Select(i => "AKID-junk-" + i)), "evicted exchanges still complete for their waiters");
    }

    [Test]
    public async Task GetOrAddAsync_ConcurrentRequestsOfOneCaller_ShareOneExchange()
    {
        var cache = new CallerCredentialsCache(_time);
        _exchange.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var waiting = Enumerable.Range(0, 5).Select(_ => cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None).AsTask()).ToArray();
        _exchange.Gate.SetResult();
        var results = await Task.WhenAll(waiting);

        Assert.That(results.Distinct().Count(), Is.EqualTo(1));
        Assert.That(_exchange.Exchanges, Is.EqualTo(1));
    }

    [Test]
    public async Task GetOrAddAsync_OneWaiterCancelled_OthersStillGetCredentials()
    {
        var cache = new CallerCredentialsCache(_time);
        _exchange.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var cancelled = cache.GetOrAddAsync("id-a", _exchange, cancel.Token).AsTask();
        var other = cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        _exchange.Gate.SetResult();

        Assert.ThrowsAsync<TaskCanceledException>(async () => await cancelled);
        Assert.That((await other).AccessKeyId, Is.EqualTo("AKID-id-a"));
    }

    [Test]
    public async Task GetOrAddAsync_IdTokenExpiresBeforeCredentials_ExchangesAgainAfterTokenExpiry()
    {
        var cache = new CallerCredentialsCache(_time);
        var idToken = TestJwt.Create(_time.GetUtcNow().AddMinutes(10), "user-sub", "id");
        await cache.GetOrAddAsync(idToken, _exchange, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await cache.GetOrAddAsync(idToken, _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        await cache.GetOrAddAsync(idToken, _exchange, CancellationToken.None);
        Assert.That(_exchange.Exchanges, Is.EqualTo(2));
    }

    [Test]
    public void KeyOf_Token_IsItsHashAndNotTheToken()
    {
        var key = CallerCredentialsCache.KeyOf("eyJhbGciOi.payload.signature");

        Assert.That(key, Has.Length.EqualTo(64).And.Not.Contain("payload"));
        Assert.That(CallerCredentialsCache.KeyOf("eyJhbGciOi.payload.signature"), Is.EqualTo(key));
        Assert.That(CallerCredentialsCache.KeyOf("eyJhbGciOi.payload.signaturf"), Is.Not.EqualTo(key));
    }

    [Test]
    public void Constructor_CapacityBelowOne_Throws() =>
        Assert.That(() => new CallerCredentialsCache(_time, capacity: 0), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("at least one caller"));

    [TestCase(1, 1)]
    [TestCase(7, 1)]
    [TestCase(8, 2)]
    [TestCase(CallerCredentialsCache.DefaultCapacity, 256)]
    public void ProbationCapacity_IsAQuarterOfTheCapacityAndAtLeastOne(int capacity, int probation)
    {
        var cache = new CallerCredentialsCache(_time, capacity);

        Assert.That((cache.Capacity, cache.ProbationCapacity), Is.EqualTo((capacity, probation)));
    }

    [Test]
    public void GetOrAddAsync_EmptyTokenOrNoExchange_Throws()
    {
        var cache = new CallerCredentialsCache(_time);

        Assert.That(async () => await cache.GetOrAddAsync(string.Empty, _exchange, CancellationToken.None), Throws.ArgumentException);
        Assert.That(async () => await cache.GetOrAddAsync("id-a", null!, CancellationToken.None), Throws.ArgumentNullException);
        Assert.That(cache.Count, Is.Zero);
    }

    [Test]
    public void GetOrAddAsync_ExchangeReturnsNull_ThrowsAuthError()
    {
        var cache = new CallerCredentialsCache(_time);

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(async () => await cache.GetOrAddAsync("id-a", new NullExchange(), CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("The identity-pool exchange of a caller's ID token returned no credentials."));
    }

    [Test]
    public async Task GetOrAddAsync_CredentialsWithoutExpiration_AreNotKept()
    {
        var cache = new CallerCredentialsCache(_time);
        var exchange = new NoExpiryExchange();

        await cache.GetOrAddAsync("id-a", exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-a", exchange, CancellationToken.None);

        Assert.That(exchange.Exchanges, Is.EqualTo(2));
    }

    [Test]
    public async Task GetOrAddAsync_ExactlyAtTheRefreshMargin_ExchangesAgain()
    {
        var cache = new CallerCredentialsCache(_time);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1) - CallerCredentialsCache.RefreshMargin);
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);

        Assert.That(_exchange.Exchanges, Is.EqualTo(2));
    }

    [Test]
    public async Task GetOrAddAsync_ExactlyAtTheIdTokensExpiry_ExchangesAgain()
    {
        var cache = new CallerCredentialsCache(_time);
        var idToken = TestJwt.Create(_time.GetUtcNow().AddMinutes(10), "user-sub", "id");
        await cache.GetOrAddAsync(idToken, _exchange, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(10));
        await cache.GetOrAddAsync(idToken, _exchange, CancellationToken.None);

        Assert.That(_exchange.Exchanges, Is.EqualTo(2));
    }

    [Test]
    public async Task GetOrAddAsync_PendingTokensBeyondProbation_OldestIsDroppedButItsWaitersStillGetCredentials()
    {
        var cache = new CallerCredentialsCache(_time, capacity: 4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _exchange.Gate = gate;
        var first = cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None).AsTask();
        var second = cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None).AsTask();
        var countWhilePending = cache.Count;
        gate.SetResult();
        _exchange.Gate = null;

        Assert.That((await first).AccessKeyId, Is.EqualTo("AKID-id-a"));
        Assert.That((await second).AccessKeyId, Is.EqualTo("AKID-id-b"));
        await cache.GetOrAddAsync("id-a", _exchange, CancellationToken.None);
        await cache.GetOrAddAsync("id-b", _exchange, CancellationToken.None);

        Assert.That(countWhilePending, Is.EqualTo(1), "probation holds one unverified token at capacity 4");
        Assert.That(_exchange.Exchanges, Is.EqualTo(3), "id-a was dropped while pending, so it is exchanged again; id-b was kept");
        Assert.That(cache.Count, Is.EqualTo(2));
    }

    private sealed class NullExchange : ICallerCredentialsExchange
    {
        public ValueTask<AmplifyAuthHandlers.Signing.AwsCredentials> ExchangeAsync(string idToken, CancellationToken cancellationToken) => new((AmplifyAuthHandlers.Signing.AwsCredentials)null!);
    }

    private sealed class NoExpiryExchange : ICallerCredentialsExchange
    {
        public int Exchanges { get; private set; }

        public ValueTask<AmplifyAuthHandlers.Signing.AwsCredentials> ExchangeAsync(string idToken, CancellationToken cancellationToken)
        {
            Exchanges++;
            return new(new AmplifyAuthHandlers.Signing.AwsCredentials("AKID-" + idToken, "secret"));
        }
    }
}
