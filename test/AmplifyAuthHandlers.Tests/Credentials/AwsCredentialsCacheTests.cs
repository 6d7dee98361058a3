using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class AwsCredentialsCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private int _fetches;
    private Func<int, Task<AwsCredentials>> _source = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(Start);
        _fetches = 0;
        _source = n => Task.FromResult(Credentials(n, TimeSpan.FromHours(1)));
    }

    private AwsCredentials Credentials(int n, TimeSpan lifetime) => new($"AKID{n}", $"secret{n}", $"token{n}", _time.GetUtcNow() + lifetime);

    private AwsCredentialsCache NewCache(TimeSpan? refreshWindow = null, ILogger? logger = null) => new(
        _ => _source(Interlocked.Increment(ref _fetches)),
        () => _time.GetUtcNow(),
        refreshWindow ?? TimeSpan.FromMinutes(5),
        "test source",
        logger ?? NullLogger.Instance);

    [Test]
    public async Task Invalidate_CachedCredentials_NextCallFetchesAgain()
    {
        var cache = NewCache();
        var first = await cache.GetAsync(default);

        cache.Invalidate();
        var second = await cache.GetAsync(default);

        Assert.That((first.AccessKeyId, second.AccessKeyId), Is.EqualTo(("AKID1", "AKID2")));
        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_ExactlyAtTheStartOfTheRefreshWindow_ReturnsTheCachedOnesAndStartsOneRefresh()
    {
        var cache = NewCache();
        var old = await cache.GetAsync(default);
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        _time.Advance(TimeSpan.FromMinutes(55));

        var result = await cache.GetAsync(default);
        var fetches = _fetches;
        gate.SetResult();

        Assert.That(result, Is.SameAs(old));
        Assert.That(fetches, Is.EqualTo(2), "the refresh window starts at expiry minus 5 minutes, inclusive");
    }

    [Test]
    public async Task GetAsync_JustBeforeTheRefreshWindow_FetchesNothing()
    {
        var cache = NewCache();
        var old = await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(55) - TimeSpan.FromTicks(1));

        var result = await cache.GetAsync(default);

        Assert.That(result, Is.SameAs(old));
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_ExactlyAtTheHardMargin_WaitsForFreshCredentials()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(59));

        var fresh = await cache.GetAsync(default);

        Assert.That(fresh.AccessKeyId, Is.EqualTo("AKID2"));
    }

    [Test]
    public async Task GetAsync_JustBeforeTheHardMargin_ServesTheOldOnesWhileRefreshing()
    {
        var cache = NewCache();
        var old = await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(59) - TimeSpan.FromTicks(1));

        var result = await cache.GetAsync(default);

        Assert.That(result, Is.SameAs(old));
        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_RefreshWindowShorterThanTheHardMargin_IsRaisedToIt()
    {
        var cache = NewCache(refreshWindow: TimeSpan.FromSeconds(30));
        await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(59.25));

        var result = await cache.GetAsync(default);

        Assert.That(result.AccessKeyId, Is.EqualTo("AKID2"), "45 s before expiry is inside the hard margin, whatever the window");
    }

    [Test]
    public async Task GetAsync_LongerRefreshWindow_RefreshesInTheBackgroundEarlier()
    {
        var cache = NewCache(refreshWindow: TimeSpan.FromMinutes(20));
        var old = await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(41));

        var result = await cache.GetAsync(default);

        Assert.That(result, Is.SameAs(old));
        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_FetchTimesOutOnItsOwn_ThrowsUnavailableNamingTheSourceNotACancellation()
    {
        // HttpClient.Timeout inside a fetch surfaces as a TaskCanceledException though the caller cancelled nothing.
        _source = _ => Task.FromException<AwsCredentials>(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()));
        var cache = NewCache();
        using var caller = new CancellationTokenSource();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(caller.Token).AsTask());

        Assert.That(ex!.Message, Does.StartWith("AWS credentials from test source could not be obtained, so the request was not sent: The request was canceled due to the configured HttpClient.Timeout"));
        Assert.That(ex.InnerException, Is.TypeOf<TaskCanceledException>());
        Assert.That(ex.ErrorCode, Is.Null);
    }

    [Test]
    public void GetAsync_FetchFailsWithCognitoError_CarriesItsErrorCode()
    {
        _source = _ => Task.FromException<AwsCredentials>(new CognitoServiceException("Rate exceeded", "TooManyRequestsException", System.Net.HttpStatusCode.TooManyRequests));
        var cache = NewCache();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(default).AsTask());

        Assert.That(ex!.ErrorCode, Is.EqualTo("TooManyRequestsException"));
        Assert.That(ex.InnerException, Is.TypeOf<CognitoServiceException>());
    }

    [Test]
    public void GetAsync_FetchThrowsUnavailable_IsRethrownAsIs()
    {
        var thrown = new AwsCredentialsUnavailableException("the source's own words");
        _source = _ => Task.FromException<AwsCredentials>(thrown);
        var cache = NewCache();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(default).AsTask());

        Assert.That(ex, Is.SameAs(thrown));
    }

    [Test]
    public void GetAsync_FetchReturnsNull_ThrowsUnavailableNamingTheSource()
    {
        _source = _ => Task.FromResult<AwsCredentials>(null!);
        var cache = NewCache();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(default).AsTask());

        Assert.That(ex!.Message, Is.EqualTo("test source returned no credentials."));
    }

    [Test]
    public async Task GetAsync_RefreshFailsExactlyAtExpiry_ThrowsRatherThanServeExpiredCredentials()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        _source = _ => Task.FromException<AwsCredentials>(new HttpRequestException("cognito down"));
        _time.Advance(TimeSpan.FromHours(1));

        Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(default).AsTask());
    }

    [Test]
    public async Task GetAsync_RefreshFailsWhileOldStillValid_LogsThatTheOldOnesStayInUse()
    {
        var logger = new FakeLogger();
        var cache = NewCache(logger: logger);
        await cache.GetAsync(default);
        _source = _ => Task.FromException<AwsCredentials>(new HttpRequestException("cognito down"));
        _time.Advance(TimeSpan.FromMinutes(59.5));

        await cache.GetAsync(default);

        var records = logger.Collector.GetSnapshot();
        Assert.That(records.Select(r => r.Id.Id), Is.EqualTo(new[] { 3101, 3102, 3103 }));
        Assert.That(records[2].Message, Does.Contain("test source").And.Contain("still valid"));
        Assert.That(records[2].Exception, Is.TypeOf<HttpRequestException>());
    }

    [Test]
    public async Task GetAsync_CallerCancelsWhileOldStillValid_ThrowsTheCancellation()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        _time.Advance(TimeSpan.FromMinutes(59.5));
        using var cancel = new CancellationTokenSource();

        var waiting = cache.GetAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();

        Assert.ThrowsAsync<TaskCanceledException>(() => waiting, "a caller that gave up is told so, not handed the old credentials");
        gate.SetResult();
    }

    [Test]
    public async Task GetAsync_FirstCallerSetAmbientState_TheSharedFetchRunsWithoutIt()
    {
        var ambient = new AsyncLocal<string?>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string? seenInside = "(not run)";
        var tokenCanBeCancelled = true;
        _source = async n =>
        {
            await gate.Task;
            seenInside = ambient.Value;
            return Credentials(n, TimeSpan.FromHours(1));
        };
        var cache = new AwsCredentialsCache(
            ct =>
            {
                tokenCanBeCancelled = ct.CanBeCanceled;
                return _source(Interlocked.Increment(ref _fetches));
            },
            () => _time.GetUtcNow(),
            TimeSpan.FromMinutes(5),
            "test source",
            NullLogger.Instance);
        using var second = new CancellationTokenSource();

        ambient.Value = "caller-1";
        var first = cache.GetAsync(default).AsTask();
        ambient.Value = null;
        var joined = cache.GetAsync(second.Token).AsTask();
        await second.CancelAsync();
        gate.SetResult();

        Assert.ThrowsAsync<TaskCanceledException>(() => joined);
        Assert.That((await first).AccessKeyId, Is.EqualTo("AKID1"), "caller 2 giving up does not cancel caller 1");
        Assert.That(seenInside, Is.Null, "caller 1's AsyncLocal is not visible inside the shared fetch");
        Assert.That(tokenCanBeCancelled, Is.False, "the shared fetch runs under no caller's token");
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_ValidCredentials_AreServedFromCacheWithoutFetching()
    {
        var cache = NewCache();
        var first = await cache.GetAsync(default);

        _time.Advance(TimeSpan.FromMinutes(54));
        var second = await cache.GetAsync(default);

        Assert.That(second, Is.SameAs(first));
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_ThousandConcurrentCallersOnEmptyCache_FetchOnce()
    {
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        var cache = NewCache();

        var (callers, arrivals) = Arrivals.Start(1000, () => cache.GetAsync(default).AsTask());
        await arrivals.AllAsync();
        var waiting = callers.Count(c => !c.IsCompleted);
        gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.That(waiting, Is.EqualTo(1000), "every caller was inside, waiting, when the gate opened");
        Assert.That(_fetches, Is.EqualTo(1));
        Assert.That(results.Select(r => r.AccessKeyId).Distinct(), Is.EqualTo(new[] { "AKID1" }));
    }

    [Test]
    public async Task GetAsync_InsideRefreshWindow_ReturnsOldCredentialsAndRefreshesOnceInBackground()
    {
        var cache = NewCache();
        var old = await cache.GetAsync(default);
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        _time.Advance(TimeSpan.FromMinutes(56));

        var during = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => cache.GetAsync(default).AsTask()));
        var fetchesDuring = _fetches;
        gate.SetResult();

        // Within the hard margin a caller waits for the refresh in flight (or gets its stored result): no polling.
        _time.Advance(TimeSpan.FromMinutes(3.5));
        var after = await cache.GetAsync(default);

        Assert.That(during, Is.All.SameAs(old));
        Assert.That(fetchesDuring, Is.EqualTo(2), "one background refresh for 100 callers");
        Assert.That(after.AccessKeyId, Is.EqualTo("AKID2"));
        Assert.That(_fetches, Is.EqualTo(2));
    }

    [Test]
    public async Task GetAsync_WithinHardMargin_WaitsForFreshCredentials()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        _time.Advance(TimeSpan.FromMinutes(59.5));

        var fresh = await cache.GetAsync(default);

        Assert.That(fresh.AccessKeyId, Is.EqualTo("AKID2"));
    }

    [Test]
    public async Task GetAsync_RefreshFailsWhileOldStillValid_KeepsOldCredentials()
    {
        var cache = NewCache();
        var old = await cache.GetAsync(default);
        _source = _ => Task.FromException<AwsCredentials>(new HttpRequestException("cognito down"));
        _time.Advance(TimeSpan.FromMinutes(59.5));

        var result = await cache.GetAsync(default);

        Assert.That(result, Is.SameAs(old));
    }

    [Test]
    public async Task GetAsync_RefreshFailsAfterExpiry_ThrowsAndDoesNotCacheTheFailure()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        _source = _ => Task.FromException<AwsCredentials>(new HttpRequestException("cognito down"));
        _time.Advance(TimeSpan.FromMinutes(61));

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => cache.GetAsync(default).AsTask());
        _source = n => Task.FromResult(Credentials(n, TimeSpan.FromHours(1)));
        var recovered = await cache.GetAsync(default);

        Assert.That(ex!.Message, Does.Contain("test source").And.Contain("not sent"));
        Assert.That(ex.InnerException, Is.TypeOf<HttpRequestException>());
        Assert.That(recovered.AccessKeyId, Is.EqualTo("AKID3"));
    }

    [Test]
    public async Task GetAsync_CallerCancelsDuringSharedRefresh_OthersStillGetCredentials()
    {
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        var cache = NewCache();
        using var cancel = new CancellationTokenSource();

        var cancelled = cache.GetAsync(cancel.Token).AsTask();
        var patient = cache.GetAsync(default).AsTask();
        await cancel.CancelAsync();
        gate.SetResult();

        Assert.ThrowsAsync<TaskCanceledException>(() => cancelled);
        Assert.That((await patient).AccessKeyId, Is.EqualTo("AKID1"));
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task Invalidate_DuringRefresh_DoesNotStoreTheStaleResult()
    {
        var gate = new TaskCompletionSource();
        _source = async n => { await gate.Task; return Credentials(n, TimeSpan.FromHours(1)); };
        var cache = NewCache();

        var first = cache.GetAsync(default).AsTask();
        cache.Invalidate();
        gate.SetResult();
        await first;
        _source = n => Task.FromResult(Credentials(n, TimeSpan.FromHours(1)));
        var next = await cache.GetAsync(default);

        Assert.That(next.AccessKeyId, Is.EqualTo("AKID2"));
    }

    [Test]
    public async Task GetAsync_NoExpiration_IsNeverRefreshed()
    {
        _source = n => Task.FromResult(new AwsCredentials($"AKID{n}", "s"));
        var cache = NewCache();
        await cache.GetAsync(default);

        _time.Advance(TimeSpan.FromDays(400));
        var later = await cache.GetAsync(default);

        Assert.That(later.AccessKeyId, Is.EqualTo("AKID1"));
        Assert.That(_fetches, Is.EqualTo(1));
    }

    [Test]
    public async Task GetAsync_SteadyState_AllocatesNothing()
    {
        var cache = NewCache();
        await cache.GetAsync(default);
        var synchronous = true;
        for (var i = 0; i < 100; i++)
        {
            synchronous &= CompletedSynchronously(cache.GetAsync(default));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            synchronous &= CompletedSynchronously(cache.GetAsync(default));
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.That(synchronous, Is.True, "a cached hit completes synchronously");
        Assert.That(allocated, Is.Zero);
    }

    private static bool CompletedSynchronously(ValueTask<AwsCredentials> pending) => pending.IsCompletedSuccessfully && pending.Result is not null;
}
