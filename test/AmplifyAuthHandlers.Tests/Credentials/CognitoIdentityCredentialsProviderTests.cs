using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class CognitoIdentityCredentialsProviderTests
{
    private const string PoolId = "us-west-2:00000000-0000-0000-0000-000000000000";

    private FakeTimeProvider _time = null!;
    private FakeCognitoIdentity _cognito = null!;
    private SwitchableLogins _logins = null!;
    private InMemoryIdentityIdStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _cognito = new FakeCognitoIdentity { Now = () => _time.GetUtcNow() };
        _logins = new SwitchableLogins();
        _store = new InMemoryIdentityIdStore();
    }

    [TearDown]
    public void TearDown() => _cognito.Dispose();

    private CognitoIdentityCredentialsProvider NewProvider(AwsClockSkew? clock = null, ILogger? logger = null) => new(
        () => new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false), new Uri("https://cognito-identity.us-west-2.amazonaws.com/")),
        PoolId,
        _logins,
        _store,
        clock ?? new AwsClockSkew(_time),
        TimeSpan.FromMinutes(5),
        logger ?? NullLogger.Instance);

    [Test]
    public async Task GetCredentialsAsync_Guest_UsesGetIdWithoutLoginsThenCredentials()
    {
        var provider = NewProvider();

        var credentials = await provider.GetCredentialsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(credentials.AccessKeyId, Does.EndWith("GUEST"));
            Assert.That(credentials.SessionToken, Is.Not.Null);
            Assert.That(credentials.Expiration, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
            Assert.That(_cognito.Requests[0]["IdentityPoolId"]!.GetValue<string>(), Is.EqualTo(PoolId));
            Assert.That(_cognito.Requests[0].ContainsKey("Logins"), Is.False);
        });
    }

    [Test]
    public async Task GetCredentialsAsync_SignedIn_SendsLoginsAndUsesAuthenticatedIdentity()
    {
        var provider = NewProvider();
        _logins.SignIn("user-1", "id-token-1");

        var credentials = await provider.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Does.EndWith("AUTH"));
        Assert.That(_cognito.Requests.Select(r => r["Logins"]?["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"]?.GetValue<string>()), Is.All.EqualTo("id-token-1"));
    }

    [Test]
    public async Task GetCredentialsAsync_SignInAfterGuest_DropsGuestIdentityAndCredentials()
    {
        var provider = NewProvider();
        var guest = await provider.GetCredentialsAsync();
        var guestKey = provider.StoreKey(CognitoLogins.Unauthenticated);
        Assert.That(await _store.GetAsync(guestKey, default), Is.Not.Null);

        _logins.SignIn("user-1", "id-token-1");
        var user = await provider.GetCredentialsAsync();

        Assert.That(user.AccessKeyId, Is.Not.EqualTo(guest.AccessKeyId));
        Assert.That(user.AccessKeyId, Does.EndWith("AUTH"));
        Assert.That(await _store.GetAsync(guestKey, default), Is.Null);
        Assert.That(_cognito.GetIdCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task GetCredentialsAsync_SignOut_ClearsBothIdentitiesAndStartsAFreshGuest()
    {
        var provider = NewProvider();
        _logins.SignIn("user-1", "id-token-1");
        await provider.GetCredentialsAsync();
        var userKey = provider.StoreKey(_logins.Current);

        _logins.SignOut();
        var guest = await provider.GetCredentialsAsync();

        Assert.That(guest.AccessKeyId, Does.EndWith("GUEST"));
        Assert.That(await _store.GetAsync(userKey, default), Is.Null);
        Assert.That(await _store.GetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), default), Does.EndWith("-guest"));
    }

    [Test]
    public async Task GetCredentialsAsync_NewIdTokenSamePrincipal_ReusesCachedCredentials()
    {
        var provider = NewProvider();
        _logins.SignIn("user-1", "id-token-1");
        var first = await provider.GetCredentialsAsync();

        _logins.SignIn("user-1", "id-token-2");
        var second = await provider.GetCredentialsAsync();

        Assert.That(second, Is.SameAs(first));
        Assert.That(_cognito.GetCredentialsCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task GetCredentialsAsync_StoredIdentityDeleted_StartsOverOnce()
    {
        var provider = NewProvider();
        await _store.SetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), "us-west-2:deleted", default);
        _cognito.UnknownIdentities.Add("us-west-2:deleted");

        var credentials = await provider.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Does.EndWith("GUEST"));
        Assert.That(_cognito.GetIdCalls, Is.EqualTo(1));
        Assert.That(_cognito.GetCredentialsCalls, Is.EqualTo(2));
        Assert.That(await _store.GetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), default), Is.Not.EqualTo("us-west-2:deleted"));
    }

    [Test]
    public void GetCredentialsAsync_NewIdentityAlsoRefused_FailsWithoutLooping()
    {
        var provider = NewProvider();
        for (var i = 1; i <= 5; i++)
        {
            _cognito.UnknownIdentities.Add($"us-west-2:identity-{i}-guest");
        }

        _store.SetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), "us-west-2:identity-1-guest", default).AsTask().Wait();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
        Assert.That(_cognito.GetCredentialsCalls, Is.EqualTo(2));
        Assert.That(_cognito.GetIdCalls, Is.EqualTo(1));
    }

    [Test]
    public void GetCredentialsAsync_GuestAccessDisabled_ThrowsTypedErrorSayingSo()
    {
        _cognito.GuestAccessDisabled = true;
        var provider = NewProvider();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.ErrorCode, Is.EqualTo("NotAuthorizedException"));
        Assert.That(ex.Message, Does.Contain(PoolId).And.Contain("guest").And.Contain("sign in"));
    }

    [Test]
    public void GetCredentialsAsync_GuestAccessDisabled_MessageSaysGettingGuestCredentialsAndTheSettingsToCheck()
    {
        _cognito.GuestAccessDisabled = true;
        var provider = NewProvider();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.StartWith($"Getting guest credentials from identity pool '{PoolId}' failed").And.Contain("CredentialsProvider.CognitoIdentity.Default").And.Contain("Cognito GetId"));
    }

    [Test]
    public async Task GetCredentialsAsync_ThousandConcurrentCallers_OneGetIdAndOneGetCredentials()
    {
        _cognito.Gate = new TaskCompletionSource();
        var provider = NewProvider();

        var (callers, arrivals) = Arrivals.Start(1000, () => provider.GetCredentialsAsync().AsTask());
        await arrivals.AllAsync();
        var waiting = callers.Count(c => !c.IsCompleted);
        _cognito.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.That(waiting, Is.EqualTo(1000), "every caller was inside, waiting, when the gate opened");

        Assert.That(_cognito.GetIdCalls, Is.EqualTo(1));
        Assert.That(_cognito.GetCredentialsCalls, Is.EqualTo(1));
        Assert.That(results.Select(r => r.AccessKeyId).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task GetCredentialsAsync_ExpiredCredentials_RefreshWithTheStoredIdentity()
    {
        var provider = NewProvider();
        await provider.GetCredentialsAsync();
        _time.Advance(TimeSpan.FromMinutes(61));

        var refreshed = await provider.GetCredentialsAsync();

        Assert.That(refreshed.AccessKeyId, Does.StartWith("ASIAFAKE2"));
        Assert.That(_cognito.GetIdCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task GetCredentialsAsync_ApiHostLearnedItsClockIsHoursBehind_ExpiredCredentialsAreStillRefreshed()
    {
        // An API host taught the shared clock that it is 12 hours behind; Cognito's credentials expire on the local clock.
        var clock = new AwsClockSkew(_time);
        Assert.That(clock.TryRecord(new Uri("https://abc.execute-api.us-west-2.amazonaws.com/dev"), _time.GetUtcNow().AddHours(-12), out _, out _), Is.True);
        var provider = NewProvider(clock);
        await provider.GetCredentialsAsync();
        _time.Advance(TimeSpan.FromMinutes(61));

        var refreshed = await provider.GetCredentialsAsync();

        Assert.That(refreshed.AccessKeyId, Does.StartWith("ASIAFAKE2"));
    }

    [Test]
    public async Task GetCredentialsAsync_ApiHostLearnedItsClockIsHoursAhead_FreshCredentialsAreReused()
    {
        var clock = new AwsClockSkew(_time);
        Assert.That(clock.TryRecord(new Uri("https://abc.execute-api.us-west-2.amazonaws.com/dev"), _time.GetUtcNow().AddHours(12), out _, out _), Is.True);
        var provider = NewProvider(clock);

        await provider.GetCredentialsAsync();
        await provider.GetCredentialsAsync();
        await provider.GetCredentialsAsync();

        Assert.That(_cognito.GetCredentialsCalls, Is.EqualTo(1), "an API host's skew must not make fresh credentials look expired");
    }

    [Test]
    public void GetCredentialsAsync_LoginsProviderReturnsNull_ThrowsSayingWhatToReturnInstead()
    {
        var provider = new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false), _cognito.ServiceUri), PoolId, new NullLogins(), _store, new AwsClockSkew(_time), TimeSpan.FromMinutes(5), NullLogger.Instance);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Is.EqualTo($"The Cognito logins provider returned null for identity pool '{PoolId}'; return CognitoLogins.Unauthenticated for a guest."));
        Assert.That(_cognito.Requests, Is.Empty);
    }

    [Test]
    public void GetCredentialsAsync_SignedInUserRefused_SaysWhoseCredentialsFailedWithTheCode()
    {
        _cognito.RefusedIdentities.Add("us-west-2:identity-1-auth");
        _logins.SignIn("user-1", "id-token-1");
        var provider = NewProvider();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.StartWith($"Getting credentials for the signed-in user from identity pool '{PoolId}' failed (NotAuthorizedException: ").And.EndWith($"Configuration to check: {CognitoErrors.IdentityPoolKeys}."));
        Assert.That(ex.ErrorCode, Is.EqualTo("NotAuthorizedException"));
        Assert.That(ex.InnerException, Is.InstanceOf<CognitoServiceException>());
    }

    [Test]
    public async Task GetCredentialsAsync_StoredIdentityNotAuthorized_StartsOverOnceAndLogsIt()
    {
        var logs = new FakeLogger();
        var provider = NewProvider(logger: logs);
        await _store.SetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), "us-west-2:foreign", default);
        _cognito.RefusedIdentities.Add("us-west-2:foreign");

        var credentials = await provider.GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Does.EndWith("GUEST"));
        Assert.That((_cognito.GetIdCalls, _cognito.GetCredentialsCalls), Is.EqualTo((1, 2)));
        var stale = logs.Collector.GetSnapshot().Single(r => r.Id.Id == 3104);
        Assert.That(stale.Message, Is.EqualTo($"Identity pool {PoolId}: the cached identity us-west-2:foreign was refused (NotAuthorizedException); getting a new identity."));
    }

    [Test]
    public void GetCredentialsAsync_CognitoUnreachable_ThrowsUnavailableWithoutACode()
    {
        using var down = new UnreachableHandler();
        var provider = new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(new HttpClient(down, disposeHandler: false), _cognito.ServiceUri, timeProvider: new InstantDelayTimeProvider()),
            PoolId, _logins, _store, new AwsClockSkew(_time), TimeSpan.FromMinutes(5), NullLogger.Instance);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.StartWith($"Getting guest credentials from identity pool '{PoolId}' failed: ").And.Contain("connection refused").And.EndWith($" Configuration to check: {CognitoErrors.IdentityPoolKeys}."));
        Assert.That(ex.ErrorCode, Is.Null);
        Assert.That(ex.InnerException, Is.InstanceOf<HttpRequestException>());
    }

    [Test]
    public async Task GetIdentityIdAsync_BeforeAndAfterTheFirstFetch_IsTheStoredIdentityOfTheCurrentPrincipal()
    {
        var provider = NewProvider();
        var before = await provider.GetIdentityIdAsync(default);
        await provider.GetCredentialsAsync();
        var guest = await provider.GetIdentityIdAsync(default);
        _logins.SignIn("user-1", "id-token-1");
        var userBeforeFetch = await provider.GetIdentityIdAsync(default);
        await provider.GetCredentialsAsync();

        Assert.That(before, Is.Null);
        Assert.That(guest, Is.EqualTo("us-west-2:identity-1-guest"));
        Assert.That(userBeforeFetch, Is.Null);
        Assert.That(await provider.GetIdentityIdAsync(default), Is.EqualTo("us-west-2:identity-2-auth"));
    }

    [Test]
    public void StoreKeyAndToString_NamePoolAndPrincipal()
    {
        var provider = NewProvider();

        Assert.That(provider.StoreKey(CognitoLogins.Unauthenticated), Is.EqualTo($"{PoolId}|unauthenticated"));
        Assert.That(provider.StoreKey(new CognitoLogins(new Dictionary<string, string> { ["p"] = "t" }, "user-1")), Is.EqualTo($"{PoolId}|user-1"));
        Assert.That(provider.ToString(), Is.EqualTo($"Cognito identity pool {PoolId}"));
    }

    [Test]
    public async Task GetCredentialsAsync_AnotherUserSignsIn_ForgetsThePreviousUsersIdentityAndLogsTheChange()
    {
        var logs = new FakeLogger();
        var provider = NewProvider(logger: logs);
        _logins.SignIn("user-1", "id-token-1");
        var first = await provider.GetCredentialsAsync();
        var firstKey = provider.StoreKey(_logins.Current);

        _logins.SignIn("user-2", "id-token-2");
        var second = await provider.GetCredentialsAsync();

        Assert.That(second.AccessKeyId, Is.Not.EqualTo(first.AccessKeyId));
        Assert.That(await _store.GetAsync(firstKey, default), Is.Null);
        Assert.That(await _store.GetAsync(provider.StoreKey(_logins.Current), default), Is.EqualTo("us-west-2:identity-2-auth"));
        Assert.That(logs.Collector.GetSnapshot().Where(r => r.Id.Id == 3105).Select(r => r.Message), Is.EqualTo(new[] { $"Identity pool {PoolId}: the principal changed (authenticated: True); cached credentials dropped." }));
    }

    [Test]
    public async Task GetCredentialsAsync_SamePrincipalNewIdToken_TheNextRefreshSendsTheNewToken()
    {
        var provider = NewProvider();
        _logins.SignIn("user-1", "id-token-1");
        await provider.GetCredentialsAsync();
        _logins.SignIn("user-1", "id-token-2");
        await provider.GetCredentialsAsync();
        _time.Advance(TimeSpan.FromMinutes(61));

        await provider.GetCredentialsAsync();

        Assert.That(_cognito.Requests.Select(r => r["Logins"]?["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"]?.GetValue<string>()), Is.EqualTo(new[] { "id-token-1", "id-token-1", "id-token-2" }));
    }

    [Test]
    public void GetCredentialsAsync_CognitoNeverAnswers_TheFetchTimesOutOnItsOwnWithATypedErrorNamingThePool()
    {
        // The refresh runs under no caller's token; what ends it is the Cognito client's own HttpClient.Timeout.
        _cognito.Gate = new TaskCompletionSource();
        var provider = new CognitoIdentityCredentialsProvider(
            () => new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false) { Timeout = TimeSpan.FromMilliseconds(50) }, _cognito.ServiceUri),
            PoolId, _logins, _store, new AwsClockSkew(_time), TimeSpan.FromMinutes(5), NullLogger.Instance);

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.Message, Does.StartWith($"AWS credentials from Cognito identity pool {PoolId} could not be obtained, so the request was not sent: "));
        Assert.That(ex.InnerException, Is.InstanceOf<TaskCanceledException>().And.Property(nameof(Exception.InnerException)).InstanceOf<TimeoutException>());
        Assert.That(_cognito.GetIdCalls, Is.Zero, "GetId never got its answer");
    }

    private sealed class NullLogins : ICognitoLoginsProvider
    {
        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) => new((CognitoLogins)null!);
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "connection refused"));
    }

    private sealed class SwitchableLogins : ICognitoLoginsProvider
    {
        public CognitoLogins Current { get; private set; } = CognitoLogins.Unauthenticated;

        public void SignIn(string subject, string idToken) =>
            Current = new CognitoLogins(new Dictionary<string, string> { ["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"] = idToken }, subject);

        public void SignOut() => Current = CognitoLogins.Unauthenticated;

        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) => new(Current);
    }
}
