using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
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

    private CognitoIdentityCredentialsProvider NewProvider(AwsClockSkew? clock = null) => new(
        () => new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false), new Uri("https://cognito-identity.us-west-2.amazonaws.com/")),
        PoolId,
        _logins,
        _store,
        clock ?? new AwsClockSkew(_time),
        TimeSpan.FromMinutes(5),
        NullLogger.Instance);

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

    private sealed class SwitchableLogins : ICognitoLoginsProvider
    {
        public CognitoLogins Current { get; private set; } = CognitoLogins.Unauthenticated;

        public void SignIn(string subject, string idToken) =>
            Current = new CognitoLogins(new Dictionary<string, string> { ["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"] = idToken }, subject);

        public void SignOut() => Current = CognitoLogins.Unauthenticated;

        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) => new(Current);
    }
}
