using System.Net;
using System.Text.RegularExpressions;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.Credentials;

/// <summary>The basic (classic) flow inside <see cref="CognitoIdentityCredentialsProvider"/>: GetId, GetOpenIdToken, STS.</summary>
[TestFixture]
public sealed class BasicIdentityPoolFlowTests
{
    private const string PoolId = "us-west-2:00000000-0000-0000-0000-000000000000";
    private const string ProviderName = "cognito-idp.us-west-2.amazonaws.com/us-west-2_pool";
    private const string UnauthRole = "arn:aws:iam::123456789012:role/Pool_Unauth_Role";
    private const string AuthRole = "arn:aws:iam::123456789012:role/Pool_Auth_Role";

    private FakeTimeProvider _time = null!;
    private FakeCognitoIdentity _cognito = null!;
    private FakeSecurityTokenService _sts = null!;
    private SwitchableLogins _logins = null!;
    private InMemoryIdentityIdStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _cognito = new FakeCognitoIdentity { Now = () => _time.GetUtcNow() };
        _sts = new FakeSecurityTokenService { Now = () => _time.GetUtcNow() };
        _logins = new SwitchableLogins();
        _store = new InMemoryIdentityIdStore();
    }

    [TearDown]
    public void TearDown()
    {
        _cognito.Dispose();
        _sts.Dispose();
    }

    private CognitoIdentityCredentialsProvider NewProvider(string? unauthRole = UnauthRole, string? authRole = AuthRole) => new(
        () => new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false), new Uri("https://cognito-identity.us-west-2.amazonaws.com/")),
        PoolId,
        _logins,
        _store,
        new AwsClockSkew(_time),
        TimeSpan.FromMinutes(5),
        NullLogger.Instance,
        new BasicIdentityPoolFlow(
            () => new SecurityTokenServiceClient(new HttpClient(_sts, disposeHandler: false), new Uri("https://sts.us-west-2.amazonaws.com/")),
            unauthRole,
            authRole,
            EnhancedIdentityPoolFlow.Instance));

    [Test]
    public async Task GetCredentialsAsync_Guest_AssumesUnauthenticatedRoleWithTheOpenIdToken()
    {
        var credentials = await NewProvider().GetCredentialsAsync();

        var identityId = await _store.GetAsync($"{PoolId}|unauthenticated", default);
        var sts = _sts.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _cognito.GetCredentialsCalls, _sts.Calls), Is.EqualTo((1, 1, 0, 1)));
            Assert.That(_cognito.Requests.Any(r => r.ContainsKey("Logins")), Is.False, "a guest sends no Logins");
            Assert.That(sts["Action"], Is.EqualTo("AssumeRoleWithWebIdentity"));
            Assert.That(sts["RoleArn"], Is.EqualTo(UnauthRole));
            Assert.That(sts["WebIdentityToken"], Is.EqualTo(FakeCognitoIdentity.OpenIdTokenFor(identityId!, 1)));
            Assert.That(sts["RoleSessionName"], Does.Match("^amplify-[0-9A-F]{16}$"));
            Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
            Assert.That(credentials.SessionToken, Is.EqualTo("sts-session-1"));
            Assert.That(credentials.Expiration, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
        });
    }

    [Test]
    public async Task GetCredentialsAsync_SignedIn_AssumesAuthenticatedRoleWithLoginsOnGetOpenIdToken()
    {
        _logins.SignIn("user-1", "id-token-1");

        var credentials = await NewProvider().GetCredentialsAsync();

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Auth_Role"));
        Assert.That(_sts.Requests.Single()["RoleArn"], Is.EqualTo(AuthRole));
        Assert.That(_cognito.Requests, Has.Count.EqualTo(2), "GetId and GetOpenIdToken");
        Assert.That(_cognito.Requests.Select(r => r["Logins"]?[ProviderName]?.GetValue<string>()), Is.All.EqualTo("id-token-1"));
        Assert.That(_sts.Requests.Single()["WebIdentityToken"], Does.Contain("-auth."), "the signed-in identity's OpenID token");
    }

    [Test]
    public async Task GetCredentialsAsync_GuestThenSignIn_SwitchesRoleAndIdentity()
    {
        var provider = NewProvider();
        var guest = await provider.GetCredentialsAsync();
        _logins.SignIn("user-1", "id-token-1");

        var user = await provider.GetCredentialsAsync();

        Assert.That(guest.AccessKeyId, Does.EndWith("Pool_Unauth_Role"));
        Assert.That(user.AccessKeyId, Does.EndWith("Pool_Auth_Role"));
        Assert.That(_sts.Requests.Select(r => r["RoleArn"]), Is.EqualTo(new[] { UnauthRole, AuthRole }));
        Assert.That(_cognito.GetIdCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task GetCredentialsAsync_OnlyAuthenticatedRoleConfigured_GuestUsesEnhancedFlow()
    {
        var provider = NewProvider(unauthRole: null);

        var guest = await provider.GetCredentialsAsync();
        _logins.SignIn("user-1", "id-token-1");
        var user = await provider.GetCredentialsAsync();

        Assert.That(guest.AccessKeyId, Is.EqualTo("ASIAFAKE1GUEST"), "GetCredentialsForIdentity");
        Assert.That(user.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Auth_Role"));
        Assert.That((_cognito.GetCredentialsCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public async Task GetCredentialsAsync_StoredIdentityDeleted_RecoversThroughGetOpenIdTokenOnce()
    {
        var provider = NewProvider();
        await _store.SetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), "us-west-2:deleted", default);
        _cognito.UnknownIdentities.Add("us-west-2:deleted");

        var credentials = await provider.GetCredentialsAsync();

        var fresh = await _store.GetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), default);
        Assert.Multiple(() =>
        {
            Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
            Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 2, 1)));
            Assert.That(fresh, Is.Not.Null.And.Not.EqualTo("us-west-2:deleted"));
            Assert.That(_sts.Requests.Single()["WebIdentityToken"], Is.EqualTo(FakeCognitoIdentity.OpenIdTokenFor(fresh!, 2)));
        });
    }

    [Test]
    public void GetCredentialsAsync_NewIdentityAlsoRefused_FailsWithoutLooping()
    {
        var provider = NewProvider();
        _cognito.UnknownIdentities.Add("us-west-2:identity-1-guest");
        _store.SetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), "us-west-2:stale", default).AsTask().Wait();
        _cognito.UnknownIdentities.Add("us-west-2:stale");

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
        Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 2, 0)));
    }

    [TestCase("AccessDenied")]
    [TestCase("InvalidIdentityToken")]
    public async Task GetCredentialsAsync_StsRefuses_ThrowsWithTheStsCodeAndKeepsTheIdentity(string code)
    {
        _sts.Refuse = (code == "AccessDenied" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest, code, "refused");
        var provider = NewProvider();

        var ex = Assert.ThrowsAsync<AwsCredentialsUnavailableException>(() => provider.GetCredentialsAsync().AsTask());

        Assert.That(ex!.ErrorCode, Is.EqualTo(code));
        Assert.That(ex.Message, Does.Contain(UnauthRole));
        Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 1, 1)), "an STS refusal is not a stale identity");
        Assert.That(await _store.GetAsync(provider.StoreKey(CognitoLogins.Unauthenticated), default), Is.Not.Null);
    }

    [Test]
    public async Task GetCredentialsAsync_ThousandConcurrentCallers_OneGetIdOneGetOpenIdTokenOneStsCall()
    {
        _cognito.Gate = new TaskCompletionSource();
        _sts.Gate = new TaskCompletionSource();
        var provider = NewProvider();

        var (callers, arrivals) = Arrivals.Start(1000, () => provider.GetCredentialsAsync().AsTask());
        await arrivals.AllAsync();
        var waiting = callers.Count(c => !c.IsCompleted);
        _cognito.Gate.SetResult();
        _sts.Gate.SetResult();
        var results = await Task.WhenAll(callers);

        Assert.That(waiting, Is.EqualTo(1000), "every caller was inside, waiting, when the gates opened");

        Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 1, 1)));
        Assert.That(results.Select(r => r.AccessKeyId).Distinct(), Is.EqualTo(new[] { "ASIASTS1-Pool_Unauth_Role" }));
    }

    [Test]
    public async Task GetCredentialsAsync_ExpiredCredentials_RefreshWithTheStoredIdentityAndANewOpenIdToken()
    {
        var provider = NewProvider();
        await provider.GetCredentialsAsync();
        _time.Advance(TimeSpan.FromMinutes(61));

        var refreshed = await provider.GetCredentialsAsync();

        Assert.That(refreshed.AccessKeyId, Is.EqualTo("ASIASTS2-Pool_Unauth_Role"));
        Assert.That((_cognito.GetIdCalls, _cognito.GetOpenIdTokenCalls, _sts.Calls), Is.EqualTo((1, 2, 2)));
        Assert.That(_sts.Requests[1]["WebIdentityToken"], Is.Not.EqualTo(_sts.Requests[0]["WebIdentityToken"]));
    }

    [Test]
    public void NewSessionName_Always_IsAValidUniqueStsSessionName()
    {
        var names = Enumerable.Range(0, 100).Select(_ => BasicIdentityPoolFlow.NewSessionName()).ToList();

        Assert.That(names, Has.All.Matches<string>(n => Regex.IsMatch(n, @"^[\w+=,.@-]{2,64}$") && n.StartsWith("amplify-", StringComparison.Ordinal)));
        Assert.That(names.Distinct().Count(), Is.EqualTo(100));
    }

    [Test]
    public async Task GetCredentialsAsync_DurationGiven_AsksStsForThatManySeconds()
    {
        var flow = new BasicIdentityPoolFlow(
            () => new SecurityTokenServiceClient(new HttpClient(_sts, disposeHandler: false), _sts.ServiceUri),
            UnauthRole,
            AuthRole,
            EnhancedIdentityPoolFlow.Instance,
            TimeSpan.FromMinutes(15));
        var client = new CognitoIdentityClient(new HttpClient(_cognito, disposeHandler: false), _cognito.ServiceUri);

        var credentials = await flow.GetCredentialsAsync(client, "us-west-2:identity-9-guest", null, isAuthenticated: false, default);

        Assert.That(credentials.AccessKeyId, Is.EqualTo("ASIASTS1-Pool_Unauth_Role"));
        Assert.That(_sts.Requests.Single()["DurationSeconds"], Is.EqualTo("900"));
        Assert.That(_sts.Requests.Single()["WebIdentityToken"], Is.EqualTo(FakeCognitoIdentity.OpenIdTokenFor("us-west-2:identity-9-guest", 1)));
    }

    private sealed class SwitchableLogins : ICognitoLoginsProvider
    {
        public CognitoLogins Current { get; private set; } = CognitoLogins.Unauthenticated;

        public void SignIn(string subject, string idToken) =>
            Current = new CognitoLogins(new Dictionary<string, string> { [ProviderName] = idToken }, subject);

        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken) => new(Current);
    }
}
