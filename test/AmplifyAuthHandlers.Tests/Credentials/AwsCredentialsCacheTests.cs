using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging.Abstractions;
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

    private AwsCredentialsCache NewCache() => new(
        _ => _source(Interlocked.Increment(ref _fetches)),
        () => _time.GetUtcNow(),
        TimeSpan.FromMinutes(5),
        "test source",
        NullLogger.Instance);

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

        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => cache.GetAsync(default).AsTask())).ToArray();
        await Task.Delay(50);
        gate.SetResult();
        var results = await Task.WhenAll(callers);

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
        gate.SetResult();
        await WaitUntil(() => cache.GetAsync(default).AsTask().Result.AccessKeyId == "AKID2");

        Assert.That(during, Is.All.SameAs(old));
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

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True, "condition not reached");
    }
}
