using System.Security.Cryptography;
using System.Text;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AmplifyAuthHandlers.Tests.Auth;

[TestFixture]
public sealed class AmplifyAuthTests
{
    private const string ClientSecret = "client-secret-value";

    private PausingTimeProvider _time = null!;
    private FakeCognitoUserPool _pool = null!;
    private FakeLogCollector _logs = null!;
    private ServiceProvider _provider = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new PausingTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        _pool = new FakeCognitoUserPool { Now = () => _time.GetUtcNow() };
        _logs = new FakeLogCollector();
    }

    [TearDown]
    public void TearDown()
    {
        _provider?.Dispose();
        _pool.Dispose();
        _time.Dispose();
    }

    private IAmplifyAuth Auth(string flow = "USER_PASSWORD_AUTH", string? secret = ClientSecret, IAmplifyTokenStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddAmplifyRestApi(o => o.Auth.UserPool = new CognitoUserPoolOptions
        {
            PoolId = "us-west-2_pool",
            AppClientId = "client-id",
            AppClientSecret = secret,
            AuthenticationFlowType = flow,
        });
        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentityProvider).ConfigurePrimaryHttpMessageHandler(() => _pool);
        _provider = services.BuildServiceProvider(validateScopes: true);
        return _provider.GetRequiredService<IAmplifyAuth>();
    }

    private static string ExpectedSecretHash(string username) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ClientSecret), Encoding.UTF8.GetBytes(username + "client-id")));

    [Test]
    public async Task SignInAsync_PasswordFlow_SignsInWithSecretHashAndTokenExpiryFromJwt()
    {
        var auth = Auth();

        var result = await auth.SignInAsync("user-1", "correct horse");
        var session = await auth.FetchSessionAsync();

        var call = _pool.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(result.IsSignedIn, Is.True);
            Assert.That(call.Target, Is.EqualTo("InitiateAuth"));
            Assert.That(call.Body["AuthFlow"]!.GetValue<string>(), Is.EqualTo("USER_PASSWORD_AUTH"));
            Assert.That(call.Body["AuthParameters"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("user-1")));
            Assert.That(session.IsSignedIn, Is.True);
            Assert.That(session.UserPoolTokens!.AccessTokenExpiresAt, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
            Assert.That(session.UserPoolTokens.RefreshToken, Is.EqualTo("refresh-1"));
        });
    }

    [Test]
    public async Task SignInAsync_SrpFlow_AnswersPasswordVerifierAsUserIdForSrp()
    {
        var auth = Auth(flow: "USER_SRP_AUTH");

        var result = await auth.SignInAsync("alice", "correct horse");

        Assert.That(result.IsSignedIn, Is.True);
        var initiate = _pool.Calls[0].Body;
        var respond = _pool.Calls[1].Body;
        Assert.Multiple(() =>
        {
            Assert.That(initiate["AuthFlow"]!.GetValue<string>(), Is.EqualTo("USER_SRP_AUTH"));
            Assert.That(initiate["AuthParameters"]!["SRP_A"]!.GetValue<string>(), Has.Length.GreaterThan(500));
            Assert.That(initiate["AuthParameters"]!.AsObject().ContainsKey("PASSWORD"), Is.False, "the password never leaves the process");
            Assert.That(respond["ChallengeName"]!.GetValue<string>(), Is.EqualTo("PASSWORD_VERIFIER"));
            Assert.That(respond["ChallengeResponses"]!["USERNAME"]!.GetValue<string>(), Is.EqualTo("uuid-of-alice"));
            Assert.That(respond["ChallengeResponses"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("uuid-of-alice")));
            Assert.That(respond["ChallengeResponses"]!["PASSWORD_CLAIM_SIGNATURE"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(respond["ChallengeResponses"]!["TIMESTAMP"]!.GetValue<string>(), Is.EqualTo("Thu Nov 26 12:00:00 UTC 2026"));
        });
    }

    [TestCase("NEW_PASSWORD_REQUIRED", AmplifySignInStep.ConfirmSignInWithNewPassword, "NEW_PASSWORD")]
    [TestCase("SMS_MFA", AmplifySignInStep.ConfirmSignInWithSmsMfaCode, "SMS_MFA_CODE")]
    [TestCase("SOFTWARE_TOKEN_MFA", AmplifySignInStep.ConfirmSignInWithTotpCode, "SOFTWARE_TOKEN_MFA_CODE")]
    [TestCase("SELECT_MFA_TYPE", AmplifySignInStep.ContinueSignInWithMfaSelection, "ANSWER")]
    public async Task ConfirmSignInAsync_Challenge_IsAnsweredWithTheRightKey(string challenge, AmplifySignInStep step, string answerKey)
    {
        _pool.ChallengeAfterPassword = challenge;
        var auth = Auth();

        var first = await auth.SignInAsync("user-1", "correct horse");
        var second = await auth.ConfirmSignInAsync("answer-123");

        var respond = _pool.Calls[1].Body;
        Assert.Multiple(() =>
        {
            Assert.That(first.IsSignedIn, Is.False);
            Assert.That(first.NextStep, Is.EqualTo(step));
            Assert.That(first.AdditionalInfo["CODE_DELIVERY_DESTINATION"], Is.EqualTo("+*******1234"));
            Assert.That(respond["ChallengeName"]!.GetValue<string>(), Is.EqualTo(challenge));
            Assert.That(respond["Session"]!.GetValue<string>(), Is.EqualTo("session-" + challenge));
            Assert.That(respond["ChallengeResponses"]![answerKey]!.GetValue<string>(), Is.EqualTo("answer-123"));
            Assert.That(respond["ChallengeResponses"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("user-1")));
            Assert.That(second.IsSignedIn, Is.True);
        });
    }

    [Test]
    public void ConfirmSignInAsync_NothingPending_Throws()
    {
        var auth = Auth();

        Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("123456"));
    }

    [Test]
    public void SignInAsync_WrongPassword_ThrowsTypedCognitoError()
    {
        var auth = Auth();

        var ex = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => auth.SignInAsync("user-1", "wrong"));

        Assert.That(ex!.Message, Does.Not.Contain("wrong"));
    }

    [Test]
    public void SignInAsync_WrongPassword_MessageSaysSignInAndTheSettingsToCheck()
    {
        var auth = Auth();

        var ex = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => auth.SignInAsync("user-1", "wrong"));

        Assert.That(ex!.Message, Does.StartWith("Sign-in failed: Cognito InitiateAuth failed with NotAuthorizedException").And.Contain("CognitoUserPool.Default"));
        Assert.That(ex.InnerException, Is.TypeOf<CognitoServiceException>());
    }

    [Test]
    public async Task SignInAsync_AlreadySignedIn_Throws()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        Assert.ThrowsAsync<AmplifyAuthException>(() => auth.SignInAsync("user-1", "correct horse"));
    }

    [Test]
    public void SignInAsync_NoUserPoolConfigured_SaysWhatToConfigure()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(_ => { });
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => provider.GetRequiredService<IAmplifyAuth>().SignInAsync("u", "p"));

        Assert.That(ex!.Message, Does.Contain("CognitoUserPool.Default"));
    }

    [Test]
    public async Task FetchSessionAsync_InsideRefreshWindow_ThousandCallersRefreshOnce()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _pool.RefreshGate = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromMinutes(56));

        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => source.GetTokensAsync(false, default).AsTask())).ToArray();
        await Task.Delay(50);
        _pool.RefreshGate.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.That(_pool.Refreshes, Is.EqualTo(1));
        Assert.That(tokens.Select(t => t!.AccessToken).Distinct().Count(), Is.EqualTo(1));
        Assert.That(tokens[0]!.RefreshToken, Is.EqualTo("refresh-1"), "a refresh without rotation keeps the refresh token");
        var refresh = _pool.Calls.Last(c => c.Body["AuthFlow"]?.GetValue<string>() == "REFRESH_TOKEN_AUTH").Body;
        Assert.That(refresh["AuthParameters"]!["REFRESH_TOKEN"]!.GetValue<string>(), Is.EqualTo("refresh-1"));
        Assert.That(refresh["AuthParameters"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("user-1")));
    }

    [Test]
    public async Task FetchSessionAsync_RotatedRefreshToken_ReplacesTheOld()
    {
        _pool.RotateRefreshTokens = true;
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        var session = await auth.FetchSessionAsync(forceRefresh: true);

        Assert.That(session.UserPoolTokens!.RefreshToken, Is.EqualTo("refresh-2"));
        Assert.That(_pool.Refreshes, Is.EqualTo(1));
    }

    [Test]
    public async Task GetTokensAsync_ForcedRefreshBurstAfterRefresh_RefreshesOnce()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(10));

        var first = await source.GetTokensAsync(forceRefresh: true, default);
        var second = await source.GetTokensAsync(forceRefresh: true, default);

        Assert.That(_pool.Refreshes, Is.EqualTo(1));
        Assert.That(second!.AccessToken, Is.EqualTo(first!.AccessToken));
    }

    [Test]
    public async Task FetchSessionAsync_FreshTokens_DoNotRefresh()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        _time.Advance(TimeSpan.FromMinutes(50));

        await auth.FetchSessionAsync();

        Assert.That(_pool.Refreshes, Is.Zero);
    }

    [Test]
    public async Task FetchSessionAsync_RevokedRefreshToken_EndsTheSession()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshTokenRevoked = true;
        _time.Advance(TimeSpan.FromMinutes(70));

        Assert.ThrowsAsync<SessionExpiredException>(() => auth.FetchSessionAsync());
        var after = await auth.FetchSessionAsync();

        Assert.That(after.IsSignedIn, Is.False);
    }

    [Test]
    public async Task SignOutAsync_Global_SignsOutEverywhereRevokesRefreshTokenAndClearsSession()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var accessToken = (await auth.FetchSessionAsync()).UserPoolTokens!.AccessToken;

        await auth.SignOutAsync(global: true);

        Assert.That(_pool.Calls.Single(c => c.Target == "GlobalSignOut").Body["AccessToken"]!.GetValue<string>(), Is.EqualTo(accessToken));
        var revoke = _pool.Calls.Single(c => c.Target == "RevokeToken").Body;
        Assert.That(revoke["Token"]!.GetValue<string>(), Is.EqualTo("refresh-1"));
        Assert.That(revoke["ClientSecret"]!.GetValue<string>(), Is.EqualTo(ClientSecret));
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
    }

    [Test]
    public async Task SignOutAsync_Local_DoesNotCallCognito()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        await auth.SignOutAsync();

        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "InitiateAuth" }));
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.That(condition(), Is.True);
    }

    private sealed class FlakyStore : IAmplifyTokenStore
    {
        public bool Broken { get; set; } = true;

        public int Loads { get; private set; }

        public ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken)
        {
            Loads++;
            return Broken ? throw new AmplifyAuthException("store unreadable") : new((UserPoolTokens?)null);
        }

        public ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Test]
    public async Task GetLoginsAsync_SignedIn_MapsUserPoolToIdToken()
    {
        var auth = Auth();
        var logins = _provider.GetRequiredService<ICognitoLoginsProvider>();
        Assert.That((await logins.GetLoginsAsync(default)).IsAuthenticated, Is.False);

        await auth.SignInAsync("user-1", "correct horse");
        var signedIn = await logins.GetLoginsAsync(default);
        var idToken = (await auth.FetchSessionAsync()).UserPoolTokens!.IdToken;

        Assert.That(signedIn.Logins, Is.EqualTo(new Dictionary<string, string> { ["cognito-idp.us-west-2.amazonaws.com/us-west-2_pool"] = idToken }));
        Assert.That(signedIn.PrincipalKey, Is.EqualTo("sub-1"));
    }

    [Test]
    public async Task SignInAsync_AnyPath_NeverLogsPasswordsOrTokens()
    {
        _pool.RotateRefreshTokens = true;
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var session = await auth.FetchSessionAsync(forceRefresh: true);
        await auth.SignOutAsync(global: true);

        var text = string.Join("\n", _logs.GetSnapshot().Select(r => r.Message + string.Join(",", r.StructuredState ?? [])));
        Assert.That(_logs.Count, Is.GreaterThan(0));
        Assert.That(text, Does.Not.Contain("correct horse").And.Not.Contain("refresh-").And.Not.Contain(session.UserPoolTokens!.AccessToken[..40]));
    }

    [Test]
    public async Task FetchSessionAsync_SignedOutDuringRefresh_RefreshedTokensAreDiscarded()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshGate = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromMinutes(59.5));

        var refreshing = auth.FetchSessionAsync();
        await WaitUntilAsync(() => _pool.Refreshes == 1);
        await auth.SignOutAsync();
        _pool.RefreshGate.SetResult();

        Assert.ThrowsAsync<AmplifyNotSignedInException>(() => refreshing);
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False, "the refresh must not bring the session back");
    }

    [Test]
    public async Task GetTokensAsync_LateCallerOfARefreshedSession_UsesTheNewTokensWithoutRefreshingAgain()
    {
        // With rotation, a second refresh from the superseded refresh token is refused and would end the session.
        _pool.RotateRefreshTokens = true;
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(56));

        // The late caller reads the session (about to be superseded) and stops at its next clock read.
        var late = Task.Run(async () =>
        {
            _time.PauseNextRead();
            return await source.GetTokensAsync(forceRefresh: false, default);
        });
        await _time.Paused.Task;
        var refreshed = await source.GetTokensAsync(forceRefresh: false, default);
        _time.Resume();
        var lateTokens = await late;

        Assert.Multiple(() =>
        {
            Assert.That(_pool.Refreshes, Is.EqualTo(1), "the late caller must not refresh the superseded session again");
            Assert.That(lateTokens!.AccessToken, Is.EqualTo(refreshed!.AccessToken));
            Assert.That(lateTokens.RefreshToken, Is.EqualTo("refresh-2"));
        });
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.True);
    }

    [Test]
    public async Task GetTokensAsync_LateForcedRefreshOfARefreshedSession_UsesTheNewTokens()
    {
        _pool.RotateRefreshTokens = true;
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(10));

        // A 401 on the old access token forces a refresh, after another 401's forced refresh already replaced it.
        var late = Task.Run(async () =>
        {
            _time.PauseNextRead();
            return await source.GetTokensAsync(forceRefresh: true, default);
        });
        await _time.Paused.Task;
        var refreshed = await source.GetTokensAsync(forceRefresh: true, default);
        _time.Resume();
        var lateTokens = await late;

        Assert.That(_pool.Refreshes, Is.EqualTo(1));
        Assert.That(lateTokens!.AccessToken, Is.EqualTo(refreshed!.AccessToken));
    }

    [Test]
    public async Task Dispose_DuringRefresh_RefreshCompletesAndItsRotatedTokenIsSaved()
    {
        _pool.RotateRefreshTokens = true;
        var store = new InMemoryTokenStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshGate = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromMinutes(56));

        var refreshing = auth.FetchSessionAsync();
        await _pool.RefreshStarted.Task;
        ((IDisposable)auth).Dispose();
        _pool.RefreshGate.SetResult();
        var session = await refreshing;

        Assert.That(session.UserPoolTokens!.RefreshToken, Is.EqualTo("refresh-2"));
        Assert.That((await store.LoadAsync(default))!.RefreshToken, Is.EqualTo("refresh-2"), "a rotated refresh token must not be lost");
    }

    [Test]
    public void SignInAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var auth = Auth();
        ((IDisposable)auth).Dispose();

        var ex = Assert.ThrowsAsync<ObjectDisposedException>(() => auth.SignInAsync("user-1", "correct horse"));

        Assert.That(ex!.ObjectName, Is.EqualTo(nameof(IAmplifyAuth)));
        Assert.That(_pool.Calls, Is.Empty);
    }

    [Test]
    public async Task FetchSessionAsync_UnreadableStore_IsRetriedNotCachedForever()
    {
        var store = new FlakyStore();
        var auth = Auth(store: store);

        Assert.ThrowsAsync<AmplifyAuthException>(() => auth.FetchSessionAsync());
        store.Broken = false;
        var session = await auth.FetchSessionAsync();

        Assert.That(session.IsSignedIn, Is.False);
        Assert.That(store.Loads, Is.EqualTo(2));
    }

    [Test]
    public async Task FileTokenStore_SessionSurvivesARestartAndFileIsOwnerOnly()
    {
        using var folder = new TempFile("tokens.json", null);
        var path = Path.Combine(Path.GetDirectoryName(folder.Path)!, "nested", "tokens.json");
        await Auth(store: new AmplifyFileTokenStore(path)).SignInAsync("user-1", "correct horse");
        _provider.Dispose();

        var restarted = Auth(store: new AmplifyFileTokenStore(path));
        var session = await restarted.FetchSessionAsync();

        Assert.That(session.IsSignedIn, Is.True);
        Assert.That(session.UserPoolTokens!.RefreshToken, Is.EqualTo("refresh-1"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        await restarted.SignOutAsync();
        Assert.That(File.Exists(path), Is.False);
    }
}
