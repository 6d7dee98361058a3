using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

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
        Assert.That(_pool.Problems, Is.Empty, "requests the user-pool fake refused as protocol violations");
        _provider?.Dispose();
        _pool.Dispose();
        _time.Dispose();
    }

    private IAmplifyAuth Auth(string flow = "USER_PASSWORD_AUTH", string? secret = ClientSecret, IAmplifyTokenStore? store = null, Action<AmplifyRestApiOptions>? more = null, FakeCognitoIdentity? identity = null, Action<IServiceCollection>? moreServices = null)
    {
        _pool.ClientId = "client-id";
        _pool.ClientSecret = secret;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions
            {
                PoolId = "us-west-2_pool",
                AppClientId = "client-id",
                AppClientSecret = secret,
                AuthenticationFlowType = flow,
            };
            if (identity is not null)
            {
                o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:00000000-0000-0000-0000-000000000000" };
            }

            more?.Invoke(o);
        });
        if (store is not null)
        {
            builder.UseTokenStore(store);
        }

        services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentityProvider).ConfigurePrimaryHttpMessageHandler(() => _pool);
        if (identity is not null)
        {
            services.AddHttpClient(AmplifyHttpClientNames.CognitoIdentity).ConfigurePrimaryHttpMessageHandler(() => identity);
        }

        moreServices?.Invoke(services);

        _provider = services.BuildServiceProvider(validateScopes: true);
        return _provider.GetRequiredService<IAmplifyAuth>();
    }

    private string ExpectedSecretHash(string username) => _pool.ExpectedSecretHash(username);

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
            Assert.That(first.AdditionalInfo, Is.EqualTo(new Dictionary<string, string>
            {
                ["CODE_DELIVERY_DELIVERY_MEDIUM"] = "SMS",
                ["CODE_DELIVERY_DESTINATION"] = "+*******1234",
                ["MFAS_CAN_CHOOSE"] = "[\"SMS_MFA\",\"SOFTWARE_TOKEN_MFA\"]",
                ["requiredAttributes"] = "[\"userAttributes.email\"]",
            }), "what the caller needs to answer, and nothing else Cognito sent (USER_ID_FOR_SRP, userAttributes)");
            Assert.That(respond["ChallengeName"]!.GetValue<string>(), Is.EqualTo(challenge));
            Assert.That(respond["Session"]!.GetValue<string>(), Is.EqualTo("session-" + challenge));
            Assert.That(respond["ChallengeResponses"]![answerKey]!.GetValue<string>(), Is.EqualTo("answer-123"));
            Assert.That(respond["ChallengeResponses"]!["USERNAME"]!.GetValue<string>(), Is.EqualTo("uuid-of-user-1"), "USER_ID_FOR_SRP, not the sign-in name");
            Assert.That(respond["ChallengeResponses"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("uuid-of-user-1")));
            Assert.That(second.IsSignedIn, Is.True);
            Assert.That(second.AdditionalInfo, Is.Empty);
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

        // Each caller signals once it has read the session and the clock, just before it joins (or starts) the refresh;
        // the gate opens only when all of them are inside, so none can come late to a finished refresh.
        using var inside = new CountdownEvent(1000);
        var callers = Enumerable.Range(0, 1000).Select(_ => Task.Run(() =>
        {
            _time.SignalNextRead(inside);
            return source.GetTokensAsync(false, default).AsTask();
        })).ToArray();
        await _pool.RefreshStarted.Task;
        await Task.Run(inside.Wait);
        _pool.RefreshGate.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.That(_pool.Refreshes, Is.EqualTo(1));
        Assert.That(tokens.Select(t => t!.AccessToken).Distinct().Count(), Is.EqualTo(1));
        Assert.That(tokens[0]!.RefreshToken, Is.EqualTo("refresh-1"), "a refresh without rotation keeps the refresh token");
        var refresh = _pool.Calls.Last(c => c.Body["AuthFlow"]?.GetValue<string>() == "REFRESH_TOKEN_AUTH").Body;
        Assert.That(refresh["AuthParameters"]!["REFRESH_TOKEN"]!.GetValue<string>(), Is.EqualTo("refresh-1"));
        Assert.That(refresh["AuthParameters"]!["SECRET_HASH"]!.GetValue<string>(), Is.EqualTo(ExpectedSecretHash("uuid-of-user-1")), "the access token's username: not the sign-in name, not the ID token's");
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

    /// <summary>A token store that records what it is given and can fail its reads or writes.</summary>
    private sealed class RecordingStore : IAmplifyTokenStore
    {
        private readonly List<UserPoolTokens> _saved = [];

        public bool Broken { get; set; }

        public bool FailSaves { get; set; }

        public Exception? LoadFailure { get; set; }

        public UserPoolTokens? Tokens { get; set; }

        public int Loads { get; private set; }

        public int Clears { get; private set; }

        public IReadOnlyList<UserPoolTokens> Saved
        {
            get
            {
                lock (_saved)
                {
                    return [.. _saved];
                }
            }
        }

        public TaskCompletionSource? LoadGate { get; set; }

        public async ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken)
        {
            Loads++;
            if (LoadGate is { } gate)
            {
                await gate.Task;
            }

            if (LoadFailure is { } failure)
            {
                throw failure;
            }

            return Broken ? throw new AmplifyAuthException("store unreadable") : Tokens;
        }

        public ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken)
        {
            if (FailSaves)
            {
                throw new IOException("disk full");
            }

            lock (_saved)
            {
                _saved.Add(tokens);
                Tokens = tokens;
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ClearAsync(CancellationToken cancellationToken)
        {
            Clears++;
            Tokens = null;
            return ValueTask.CompletedTask;
        }
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
        Assert.That(signedIn.PrincipalKey, Is.EqualTo("sub-of-user-1"));
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
        await _pool.RefreshStarted.Task;
        await auth.SignOutAsync();
        _pool.RefreshGate.SetResult();

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => refreshing);
        Assert.That(ex!.Message, Is.EqualTo("The user signed out of user pool 'us-west-2_pool' while their tokens were being refreshed."));
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
        var store = new RecordingStore { Broken = true };
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

    private const string LoginsKey = "cognito-idp.us-west-2.amazonaws.com/us-west-2_pool";

    /// <summary>A hang guard, not a timing assertion: a sign-in lock that was never released makes the call wait forever.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private UserPoolTokens StoredTokens(string? refreshToken = "stored-refresh", string? accessUsername = "uuid-of-bob", string? idUsername = "id-name-of-bob", string? idSubject = "sub-of-bob") =>
        new(
            TestJwt.Create(_time.GetUtcNow().AddHours(1), "sub-of-bob", "access", accessUsername, "stored-access"),
            TestJwt.Create(_time.GetUtcNow().AddHours(1), idSubject, "id", idUsername, "stored-id"),
            refreshToken);

    private IReadOnlyList<FakeLogRecord> Logged(int eventId) => [.. _logs.GetSnapshot().Where(r => r.Id.Id == eventId)];

    private static string? StateOf(FakeLogRecord record, string key) => record.StructuredState?.SingleOrDefault(p => p.Key == key).Value;

    [Test]
    public async Task UseTokenStore_StoredTokens_AreReadAtStartAndTheNextSignInsTokensAreSavedThere()
    {
        var stored = StoredTokens();
        var store = new RecordingStore { Tokens = stored };
        var auth = Auth(store: store);

        var restored = await auth.FetchSessionAsync();
        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.SignInAsync("user-1", "correct horse"));
        await auth.SignOutAsync();
        await auth.SignInAsync("user-1", "correct horse");
        var signedIn = await auth.FetchSessionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(restored.UserPoolTokens!.AccessToken, Is.EqualTo(stored.AccessToken));
            Assert.That(restored.UserPoolTokens.RefreshToken, Is.EqualTo("stored-refresh"));
            Assert.That(ex!.Message, Is.EqualTo("A user is already signed in to user pool 'us-west-2_pool'; call SignOutAsync first."));
            Assert.That(store.Loads, Is.EqualTo(1), "read once, at first use");
            Assert.That(store.Clears, Is.EqualTo(1));
            Assert.That(store.Saved.Single().AccessToken, Is.EqualTo(signedIn.UserPoolTokens!.AccessToken));
            Assert.That(store.Saved.Single().RefreshToken, Is.EqualTo("refresh-1"));
            Assert.That(store.Saved.Single().AccessTokenExpiresAt, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
            Assert.That(store.Saved.Single().IdTokenExpiresAt, Is.EqualTo(_time.GetUtcNow().AddHours(2)));
        });
    }

    [TestCase(false, "refresh-1")]
    [TestCase(true, "refresh-2")]
    public async Task FetchSessionAsync_Refreshed_SavesTheNewTokensToTheStore(bool rotate, string refreshToken)
    {
        _pool.RotateRefreshTokens = rotate;
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        var before = store.Tokens!.AccessToken;
        _time.Advance(TimeSpan.FromMinutes(56));

        var session = await auth.FetchSessionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_pool.Refreshes, Is.EqualTo(1));
            Assert.That(store.Saved, Has.Count.EqualTo(2));
            Assert.That(store.Tokens!.AccessToken, Is.EqualTo(session.UserPoolTokens!.AccessToken).And.Not.EqualTo(before));
            Assert.That(store.Tokens.IdToken, Is.EqualTo(session.UserPoolTokens.IdToken));
            Assert.That(store.Tokens.RefreshToken, Is.EqualTo(refreshToken));
            Assert.That(store.Tokens.AccessTokenExpiresAt, Is.EqualTo(_time.GetUtcNow().AddHours(1)));
        });
    }

    [Test]
    public async Task FetchSessionAsync_RefreshRefused_ClearsTheStoreEndsTheSessionAndReleasesTheSignInLock()
    {
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshTokenRevoked = true;
        _time.Advance(TimeSpan.FromMinutes(56));

        var ex = Assert.ThrowsAsync<SessionExpiredException>(() => auth.FetchSessionAsync());
        var next = await auth.SignInAsync("user-1", "correct horse").WaitAsync(HangGuard);

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Is.EqualTo("The refresh token of user pool 'us-west-2_pool' was refused (NotAuthorizedException: "
                + "Cognito InitiateAuth failed with NotAuthorizedException (HTTP 400): Refresh Token has been revoked); the session has ended. Sign in again."));
            Assert.That(ex.InnerException, Is.TypeOf<CognitoServiceException>());
            Assert.That(store.Clears, Is.EqualTo(1));
            Assert.That(next.IsSignedIn, Is.True, "the refused refresh released the sign-in lock");
            Assert.That(StateOf(Logged(5005).Single(), "ErrorCode"), Is.EqualTo("NotAuthorizedException"));
        });
    }

    [Test]
    public async Task FetchSessionAsync_RefreshRefusedAfterASignOut_LeavesTheNewSessionAndStoreAlone()
    {
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshGate = new TaskCompletionSource();
        _pool.RefreshTokenRevoked = true;
        _time.Advance(TimeSpan.FromMinutes(56));

        var refreshing = auth.FetchSessionAsync();
        await _pool.RefreshStarted.Task;
        await auth.SignOutAsync();
        await auth.SignInAsync("user-2", "correct horse");
        _pool.RefreshGate.SetResult();

        Assert.ThrowsAsync<SessionExpiredException>(() => refreshing);
        var session = await auth.FetchSessionAsync();
        Assert.Multiple(() =>
        {
            Assert.That(session.IsSignedIn, Is.True, "the refused refresh of the old session must not end the new one");
            Assert.That(store.Tokens, Is.Not.Null);
            Assert.That(store.Clears, Is.EqualTo(1), "only the sign-out cleared the store");
        });
    }

    [Test]
    public async Task ConfirmSignInAsync_Answered_ReleasesTheSignInLock()
    {
        _pool.ChallengeAfterPassword = "SMS_MFA";
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        await auth.ConfirmSignInAsync("answer-123");

        await auth.SignOutAsync().WaitAsync(HangGuard);
        var next = await auth.SignInAsync("user-1", "correct horse").WaitAsync(HangGuard);

        Assert.That(next.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithSmsMfaCode));
        Assert.That(StateOf(Logged(5002)[0], "NextStep"), Is.EqualTo("ConfirmSignInWithSmsMfaCode"));
        Assert.That(StateOf(Logged(5002)[0], "UserPoolId"), Is.EqualTo("us-west-2_pool"));
    }

    [Test]
    public async Task ConfirmSignInAsync_WrongCode_SaysConfirmingFailedAndReleasesTheSignInLock()
    {
        _pool.ChallengeAfterPassword = "SOFTWARE_TOKEN_MFA";
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        var ex = CognitoAssert.ThrowsAsync("CodeMismatchException", () => auth.ConfirmSignInAsync("000000"));
        var next = await auth.SignInAsync("user-1", "correct horse").WaitAsync(HangGuard);

        Assert.That(ex.Message, Does.StartWith("Confirming the sign-in failed: Cognito RespondToAuthChallenge failed with CodeMismatchException").And.EndWith(CognitoErrors.UserPoolKeys + "."));
        Assert.That(next.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithTotpCode));
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
    }

    [Test]
    public async Task ConfirmSignInAsync_NothingPending_SaysCallSignInFirstAndReleasesTheSignInLock()
    {
        var auth = Auth();

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("123456"));
        var next = await auth.SignInAsync("user-1", "correct horse").WaitAsync(HangGuard);

        Assert.That(ex!.Message, Is.EqualTo("No sign-in challenge is pending; call SignInAsync first."));
        Assert.That(next.IsSignedIn, Is.True);
        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "InitiateAuth" }));
    }

    [Test]
    public async Task ConfirmSignInAsync_AfterTheChallengeWasAnswered_NothingIsPending()
    {
        _pool.ChallengeAfterPassword = "NEW_PASSWORD_REQUIRED";
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        await auth.ConfirmSignInAsync("answer-123");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("answer-123"));

        Assert.That(ex!.Message, Does.StartWith("No sign-in challenge is pending"));
        Assert.That(_pool.Calls.Count(c => c.Target == "RespondToAuthChallenge"), Is.EqualTo(1));
    }

    [Test]
    public async Task SignInAsync_FailingAfterAPendingChallenge_ForgetsTheChallenge()
    {
        _pool.ChallengeAfterPassword = "SMS_MFA";
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => auth.SignInAsync("user-1", "wrong horse"));

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("answer-123"));
        Assert.That(ex!.Message, Does.StartWith("No sign-in challenge is pending"));
    }

    [Test]
    public async Task SignOutAsync_WithAPendingChallenge_ForgetsTheChallenge()
    {
        _pool.ChallengeAfterPassword = "SMS_MFA";
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        await auth.SignOutAsync();

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("answer-123"));
        Assert.That(ex!.Message, Does.StartWith("No sign-in challenge is pending"));
    }

    [Test]
    public async Task FetchSessionAsync_NoUserPoolConfigured_NeverReadsTheStore()
    {
        var store = new RecordingStore { Tokens = StoredTokens() };
        var auth = Auth(store: store, more: o => o.Auth.UserPool = null);

        var logins = await _provider.GetRequiredService<ICognitoLoginsProvider>().GetLoginsAsync(default);
        var before = store.Loads;
        var session = await auth.FetchSessionAsync();

        Assert.That(logins, Is.SameAs(CognitoLogins.Unauthenticated));
        Assert.That(before, Is.Zero, "the logins provider does not touch the store without a user pool");
        Assert.That(session.IsSignedIn, Is.False, "stored tokens without a configured user pool are no session");
    }

    [Test]
    public async Task FetchSessionAsync_CallerCancelsWhileTheStoreLoads_TheLoadIsKeptForTheNextCaller()
    {
        var store = new RecordingStore { Tokens = StoredTokens(), LoadGate = new TaskCompletionSource() };
        var auth = Auth(store: store);
        using var cts = new CancellationTokenSource();

        var first = auth.FetchSessionAsync(cancellationToken: cts.Token);
        await cts.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => first);
        store.LoadGate.SetResult();
        var session = await auth.FetchSessionAsync();

        Assert.That(session.UserPoolTokens!.AccessToken, Is.EqualTo(store.Tokens!.AccessToken));
        Assert.That(store.Loads, Is.EqualTo(1), "the cancelled caller's load went on and was reused");
    }

    [Test]
    public void SignInAsync_SrpWrongPassword_IsRefusedByThePasswordVerifier()
    {
        var auth = Auth(flow: "USER_SRP_AUTH");

        var ex = CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => auth.SignInAsync("alice", "wrong horse"));

        Assert.That(ex.Message, Does.StartWith("Sign-in failed: Cognito RespondToAuthChallenge failed with NotAuthorizedException"));
        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "InitiateAuth", "RespondToAuthChallenge" }));
    }

    [Test]
    public async Task SignInAsync_SrpWithoutClientSecretThenTotp_AnswersAsUserIdForSrpWithoutSecretHash()
    {
        _pool.ChallengeAfterPassword = "SOFTWARE_TOKEN_MFA";
        var auth = Auth(flow: "USER_SRP_AUTH", secret: null);

        var first = await auth.SignInAsync("alice", "correct horse");
        var second = await auth.ConfirmSignInAsync("answer-123");

        var confirm = _pool.Calls[2].Body;
        Assert.Multiple(() =>
        {
            Assert.That(first.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithTotpCode));
            Assert.That(second.IsSignedIn, Is.True);
            Assert.That(confirm["ChallengeResponses"]!["USERNAME"]!.GetValue<string>(), Is.EqualTo("uuid-of-alice"));
            Assert.That(_pool.Calls.Select(c => c.Body["AuthParameters"] ?? c.Body["ChallengeResponses"]), Has.None.Matches<JsonNode?>(p => p!.AsObject().ContainsKey("SECRET_HASH")));
            Assert.That(StateOf(Logged(5001).Single(), "AuthFlow"), Is.EqualTo("USER_SRP_AUTH"));
        });
    }

    [Test]
    public void SignInAsync_PasswordVerifierWithoutParameters_SaysSo()
    {
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Json(new JsonObject { ["ChallengeName"] = "PASSWORD_VERIFIER" }) : null;
        var auth = Auth(flow: "USER_SRP_AUTH");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.SignInAsync("alice", "correct horse"));

        Assert.That(ex!.Message, Is.EqualTo("Cognito sent PASSWORD_VERIFIER without challenge parameters."));
    }

    [Test]
    public void SignInAsync_NeitherTokensNorChallenge_IsAnInvalidCognitoResponse()
    {
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Json([]) : null;
        var auth = Auth();

        var ex = CognitoAssert.ThrowsAsync(CognitoErrorCodes.InvalidResponse, () => auth.SignInAsync("user-1", "correct horse"));

        Assert.That(ex.Message, Does.StartWith("Sign-in failed: Cognito InitiateAuth returned HTTP 200 but"));
    }

    [Test]
    public async Task SignInAsync_UnansweredChallenge_SaysWhichAndStaysSignedOut()
    {
        _pool.Intercept = (target, _) => target == "InitiateAuth"
            ? FakeCognitoUserPool.Json(new JsonObject { ["ChallengeName"] = "CUSTOM_CHALLENGE", ["Session"] = "s" })
            : null;
        var auth = Auth();

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.SignInAsync("user-1", "correct horse"));

        Assert.That(ex!.Message, Is.EqualTo("Cognito asked for the sign-in challenge 'CUSTOM_CHALLENGE', which this library does not answer yet."));
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
        Assert.ThrowsAsync<AmplifyAuthException>(() => auth.ConfirmSignInAsync("x"), "no challenge is left pending");
    }

    [Test]
    public void SignInAsync_NoIdToken_SaysSo()
    {
        _pool.Intercept = (target, _) => target == "InitiateAuth"
            ? FakeCognitoUserPool.Json(new JsonObject { ["AuthenticationResult"] = new JsonObject { ["AccessToken"] = StoredTokens().AccessToken } })
            : null;
        var auth = Auth();

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.SignInAsync("user-1", "correct horse"));

        Assert.That(ex!.Message, Is.EqualTo("Cognito user pool 'us-west-2_pool' returned no access or ID token."));
    }

    [TestCase(" ", "p")]
    [TestCase("user-1", "")]
    public void SignInAsync_MissingArgument_ThrowsWithoutCallingCognito(string username, string password)
    {
        var auth = Auth();

        Assert.Throws<ArgumentException>(() => auth.SignInAsync(username, password).GetAwaiter().GetResult());
        Assert.Throws<ArgumentException>(() => auth.ConfirmSignInAsync(string.Empty).GetAwaiter().GetResult());
        Assert.That(_pool.Calls, Is.Empty);
    }

    [Test]
    public async Task AnyMethod_AfterDispose_ThrowsObjectDisposedSayingWhatToDo()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        ((IDisposable)auth).Dispose();

        var calls = new AsyncTestDelegate[] { () => auth.ConfirmSignInAsync("1"), () => auth.SignOutAsync(), () => auth.FetchSessionAsync() };

        foreach (var call in calls)
        {
            var ex = Assert.ThrowsAsync<ObjectDisposedException>(call);
            Assert.That(ex!.Message, Does.Contain("resolve IAmplifyAuth from a live provider"));
        }

        Assert.That(_pool.Calls, Has.Count.EqualTo(1));
    }

    [TestCase(30, 60)]
    [TestCase(60, 30)]
    public async Task FetchSessionAsync_TokensExpireAtDifferentTimes_RefreshesBeforeTheEarlier(int accessMinutes, int idMinutes)
    {
        _pool.AccessTokenLifetime = TimeSpan.FromMinutes(accessMinutes);
        _pool.IdTokenLifetime = TimeSpan.FromMinutes(idMinutes);
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        _time.Advance(TimeSpan.FromMinutes(25) - TimeSpan.FromSeconds(1));
        await auth.FetchSessionAsync();
        var before = _pool.Refreshes;
        _time.Advance(TimeSpan.FromSeconds(1));
        await auth.FetchSessionAsync();

        Assert.That((before, _pool.Refreshes), Is.EqualTo((0, 1)), "refreshed from 5 minutes before the earlier expiry (30 min), not before");
    }

    [Test]
    public async Task GetTokensAsync_ForcedRefreshRightAfterSignIn_IsDebouncedForFiveSeconds()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();

        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromTicks(1));
        await source.GetTokensAsync(forceRefresh: true, default);
        var before = _pool.Refreshes;
        _time.Advance(TimeSpan.FromTicks(1));
        await source.GetTokensAsync(forceRefresh: true, default);

        Assert.That((before, _pool.Refreshes), Is.EqualTo((0, 1)));
    }

    [Test]
    public async Task FetchSessionAsync_ForcedRightAfterSignIn_RefreshesWithoutDebounce()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var signedIn = (await auth.FetchSessionAsync()).UserPoolTokens!;

        var refreshed = (await auth.FetchSessionAsync(forceRefresh: true)).UserPoolTokens!;

        Assert.That(_pool.Refreshes, Is.EqualTo(1));
        Assert.That(refreshed.AccessToken, Is.Not.EqualTo(signedIn.AccessToken));
        Assert.That(DateTimeOffset.Parse(StateOf(Logged(5003).Single(), "AccessExpiresAt")!, CultureInfo.InvariantCulture), Is.EqualTo(refreshed.AccessTokenExpiresAt));
    }

    [Test]
    public async Task GetLoginsAsync_AfterARefresh_CarriesTheNewIdToken()
    {
        var auth = Auth();
        var logins = _provider.GetRequiredService<ICognitoLoginsProvider>();
        await auth.SignInAsync("user-1", "correct horse");
        var first = await logins.GetLoginsAsync(default);
        _time.Advance(TimeSpan.FromMinutes(56));

        var second = await logins.GetLoginsAsync(default);
        var session = await auth.FetchSessionAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_pool.Refreshes, Is.EqualTo(1), "the logins provider refreshed the expiring tokens");
            Assert.That(second.Logins[LoginsKey], Is.EqualTo(session.UserPoolTokens!.IdToken).And.Not.EqualTo(first.Logins[LoginsKey]));
            Assert.That(second.PrincipalKey, Is.EqualTo("sub-of-user-1"));
        });
    }

    [Test]
    public async Task GetLoginsAsync_NotSignedIn_IsUnauthenticatedAndReadsTheStoreOnce()
    {
        var store = new RecordingStore();
        Auth(store: store);
        var logins = _provider.GetRequiredService<ICognitoLoginsProvider>();

        var first = await logins.GetLoginsAsync(default);
        var second = await logins.GetLoginsAsync(default);

        Assert.That(first, Is.SameAs(CognitoLogins.Unauthenticated));
        Assert.That(second, Is.SameAs(CognitoLogins.Unauthenticated));
        Assert.That(store.Loads, Is.EqualTo(1));
    }

    [Test]
    public async Task GetLoginsAsync_StoredSession_MapsUserPoolToTheStoredIdTokenKeyedByItsSubject()
    {
        var store = new RecordingStore { Tokens = StoredTokens() };
        Auth(store: store);

        var logins = await _provider.GetRequiredService<ICognitoLoginsProvider>().GetLoginsAsync(default);

        Assert.That(logins.PrincipalKey, Is.EqualTo("sub-of-bob"));
        Assert.That(logins.Logins[LoginsKey], Is.EqualTo(store.Tokens.IdToken));
    }

    [TestCase("uuid-of-bob", "id-name-of-bob", "uuid-of-bob")]
    [TestCase(null, "id-name-of-bob", "id-name-of-bob")]
    [TestCase(null, null, "sub-of-bob")]
    public async Task FetchSessionAsync_RefreshOfAStoredSession_NamesTheUserByAccessTokenThenIdTokenThenSubject(string? accessUsername, string? idUsername, string expected)
    {
        string? hashedFor = null;
        _pool.Intercept = (target, body) =>
        {
            if (target == "InitiateAuth")
            {
                var hash = body["AuthParameters"]!["SECRET_HASH"]!.GetValue<string>();
                hashedFor = new[] { "uuid-of-bob", "id-name-of-bob", "sub-of-bob" }.SingleOrDefault(n => _pool.ExpectedSecretHash(n) == hash);
                return FakeCognitoUserPool.Error("InvalidParameterException", "refresh refused by the test");
            }

            return null;
        };
        var auth = Auth(store: new RecordingStore { Tokens = StoredTokens(accessUsername: accessUsername, idUsername: idUsername) });
        _time.Advance(TimeSpan.FromMinutes(56));

        await auth.FetchSessionAsync();

        Assert.That(hashedFor, Is.EqualTo(expected));
    }

    [Test]
    public async Task FetchSessionAsync_RefreshAfterSignInWhoseAccessTokenNamesNoUser_NamesTheUserByTheSignInNameBeforeTheIdToken()
    {
        string? hashedFor = null;
        _pool.Intercept = (target, body) =>
        {
            if (target != "InitiateAuth")
            {
                return null;
            }

            if (body["AuthFlow"]!.GetValue<string>() == "USER_PASSWORD_AUTH")
            {
                var now = _time.GetUtcNow();
                return FakeCognitoUserPool.Json(new JsonObject
                {
                    ["AuthenticationResult"] = new JsonObject
                    {
                        ["AccessToken"] = TestJwt.Create(now.AddHours(1), "sub-of-bob", "access", username: null, "access-without-username"),
                        ["IdToken"] = TestJwt.Create(now.AddHours(1), "sub-of-bob", "id", "id-name-of-bob", "id-1"),
                        ["RefreshToken"] = "refresh-1",
                        ["ExpiresIn"] = 3600,
                        ["TokenType"] = "Bearer",
                    },
                });
            }

            var hash = body["AuthParameters"]!["SECRET_HASH"]!.GetValue<string>();
            hashedFor = new[] { "bob", "id-name-of-bob", "sub-of-bob" }.SingleOrDefault(n => _pool.ExpectedSecretHash(n) == hash);
            return FakeCognitoUserPool.Error("InvalidParameterException", "refresh refused by the test");
        };
        var auth = Auth();
        await auth.SignInAsync("bob", "correct horse");
        _time.Advance(TimeSpan.FromMinutes(56));

        await auth.FetchSessionAsync();

        Assert.That(hashedFor, Is.EqualTo("bob"), "without a username in the access token, the name the user signed in with, not the ID token's");
    }

    [Test]
    public void FetchSessionAsync_StoredTokensNamingNoUser_SaysSo()
    {
        var auth = Auth(store: new RecordingStore { Tokens = StoredTokens(accessUsername: null, idUsername: null, idSubject: null) });

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.FetchSessionAsync());

        Assert.That(ex!.Message, Is.EqualTo("The tokens of user pool 'us-west-2_pool' name no user."));
    }

    [Test]
    public async Task FetchSessionAsync_StoredSessionWithoutRefreshToken_ExpiresWhenTheTokensDo()
    {
        var auth = Auth(store: new RecordingStore { Tokens = StoredTokens(refreshToken: null) });
        _time.Advance(TimeSpan.FromMinutes(56));

        var ex = Assert.ThrowsAsync<SessionExpiredException>(() => auth.FetchSessionAsync());

        Assert.That(ex!.Message, Is.EqualTo("The session of user pool 'us-west-2_pool' has no refresh token and its tokens are expiring; sign in again."));
        Assert.That(_pool.Refreshes, Is.Zero);
        await auth.SignOutAsync(global: true);
        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "GlobalSignOut" }), "no refresh token to revoke");
    }

    [TestCase(58, false)]
    [TestCase(59, true)]
    public async Task FetchSessionAsync_RefreshFailsWithAnotherError_KeepsTheTokensUntilAMinuteBeforeExpiry(int minutes, bool throws)
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var tokens = (await auth.FetchSessionAsync()).UserPoolTokens!;
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Error("InternalErrorException", "try later") : null;
        _time.Advance(TimeSpan.FromMinutes(minutes));

        if (throws)
        {
            var ex = CognitoAssert.ThrowsAsync("InternalErrorException", () => auth.FetchSessionAsync());
            Assert.That(ex.Message, Does.StartWith("Refreshing the session failed: Cognito InitiateAuth failed with InternalErrorException"));
            Assert.That(Logged(5004), Is.Empty);
        }
        else
        {
            var session = await auth.FetchSessionAsync();
            Assert.That(session.UserPoolTokens!.AccessToken, Is.EqualTo(tokens.AccessToken));
            Assert.That(Logged(5004).Single().Level, Is.EqualTo(LogLevel.Warning));
        }

        _pool.Intercept = null;
        Assert.That((await auth.FetchSessionAsync()).UserPoolTokens!.AccessToken, Is.Not.EqualTo(tokens.AccessToken), "the session stays and a later refresh succeeds");
    }

    [Test]
    public async Task FetchSessionAsync_RefreshedTokensCannotBeSavedNearExpiry_SaysTheTokensCouldNotBeRefreshed()
    {
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        store.FailSaves = true;
        _time.Advance(TimeSpan.FromMinutes(59));

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.FetchSessionAsync());

        Assert.That(ex!.Message, Is.EqualTo("The tokens of user pool 'us-west-2_pool' are expiring and could not be refreshed: disk full"));
        Assert.That(ex.InnerException, Is.TypeOf<IOException>());
    }

    [Test]
    public async Task FetchSessionAsync_RefreshAnsweredWithAChallenge_SaysSo()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Json(new JsonObject { ["ChallengeName"] = "SMS_MFA" }) : null;
        _time.Advance(TimeSpan.FromMinutes(56));

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => auth.FetchSessionAsync());

        Assert.That(ex!.Message, Is.EqualTo("Cognito answered REFRESH_TOKEN_AUTH with the challenge 'SMS_MFA' instead of tokens."));
    }

    [Test]
    public async Task FetchSessionAsync_CallerCancelsDuringRefresh_ThrowsCanceledEvenWhileTokensAreValid()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        _pool.RefreshGate = new TaskCompletionSource();
        _time.Advance(TimeSpan.FromMinutes(56));
        using var cts = new CancellationTokenSource();

        var fetching = auth.FetchSessionAsync(cancellationToken: cts.Token);
        await _pool.RefreshStarted.Task;
        await cts.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => fetching);
        _pool.RefreshGate.SetResult();
        var after = await auth.FetchSessionAsync();

        Assert.That(Logged(5004), Is.Empty, "a cancelled caller is not a failed refresh");
        Assert.That((after.IsSignedIn, _pool.Refreshes), Is.EqualTo((true, 1)), "the shared refresh itself went on");
    }

    [Test]
    public async Task SignOutAsync_GlobalWithExpiredAccessToken_StillRevokesTheRefreshToken()
    {
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        _time.Advance(TimeSpan.FromMinutes(61));

        await auth.SignOutAsync(global: true);

        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "InitiateAuth", "GlobalSignOut", "RevokeToken" }));
        Assert.That(_pool.Calls[2].Body["Token"]!.GetValue<string>(), Is.EqualTo("refresh-1"));
        Assert.That((store.Tokens, store.Clears), Is.EqualTo(((UserPoolTokens?)null, 1)));
        var signedOut = Logged(5006).Single();
        Assert.That((StateOf(signedOut, "UserPoolId"), StateOf(signedOut, "Global")), Is.EqualTo(("us-west-2_pool", "True")));
    }

    [Test]
    public async Task SignOutAsync_GlobalSignOutFailsOtherwise_ThrowsButTheLocalSessionHasEnded()
    {
        var store = new RecordingStore();
        var auth = Auth(store: store);
        await auth.SignInAsync("user-1", "correct horse");
        _pool.Intercept = (target, _) => target == "GlobalSignOut" ? FakeCognitoUserPool.Error("InternalErrorException", "boom") : null;

        CognitoAssert.ThrowsAsync("InternalErrorException", () => auth.SignOutAsync(global: true));

        Assert.That(_pool.Calls.Select(c => c.Target), Is.EqualTo(new[] { "InitiateAuth", "GlobalSignOut" }));
        Assert.That(store.Tokens, Is.Null);
        Assert.That((await auth.FetchSessionAsync()).IsSignedIn, Is.False);
        Assert.That((await auth.SignInAsync("user-1", "correct horse").WaitAsync(HangGuard)).IsSignedIn, Is.True);
    }

    [Test]
    public async Task SignOutAsync_GlobalWhenSignedOut_CallsNothing()
    {
        var auth = Auth();

        await auth.SignOutAsync(global: true);

        Assert.That(_pool.Calls, Is.Empty);
        Assert.That(StateOf(Logged(5006).Single(), "Global"), Is.EqualTo("True"));
    }

    [Test]
    public async Task SignOutAsync_Local_LogsItWasNotGlobalAndLeavesTheRefreshTokenValid()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");

        await auth.SignOutAsync();

        Assert.That(StateOf(Logged(5006).Single(), "Global"), Is.EqualTo("False"));
        Assert.That(_pool.Calls.Select(c => c.Target), Has.None.EqualTo("RevokeToken"));
    }

    [Test]
    public async Task FetchSessionAsync_IdentityPoolAfterARefresh_FetchesCredentialsWithTheNewIdToken()
    {
        using var identity = new FakeCognitoIdentity { Now = () => _time.GetUtcNow(), CredentialLifetime = TimeSpan.FromMinutes(10) };
        var auth = Auth(identity: identity);
        await auth.SignInAsync("user-1", "correct horse");
        var first = await auth.FetchSessionAsync();
        _time.Advance(TimeSpan.FromMinutes(56));

        var second = await auth.FetchSessionAsync();

        var withLogins = identity.Requests.Where(r => r["Logins"] is JsonObject).Select(r => r["Logins"]![LoginsKey]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(first.IdentityId, Is.EqualTo("us-west-2:identity-1-auth"));
            Assert.That(first.AwsCredentials!.AccessKeyId, Does.EndWith("AUTH"));
            Assert.That(second.IdentityId, Is.EqualTo("us-west-2:identity-1-auth"));
            Assert.That(second.AwsCredentials!.AccessKeyId, Is.Not.EqualTo(first.AwsCredentials.AccessKeyId), "the credentials were fetched again");
            Assert.That(withLogins[0], Is.EqualTo(first.UserPoolTokens!.IdToken));
            Assert.That(withLogins[^1], Is.EqualTo(second.UserPoolTokens!.IdToken).And.Not.EqualTo(first.UserPoolTokens.IdToken), "the refreshed ID token");
        });
    }

    [Test]
    public async Task FetchSessionAsync_IdentityPoolRefusesGuests_LogsItAndReturnsTheSessionWithoutCredentials()
    {
        using var identity = new FakeCognitoIdentity { Now = () => _time.GetUtcNow(), GuestAccessDisabled = true };
        var auth = Auth(identity: identity);

        var session = await auth.FetchSessionAsync();

        Assert.That(session.IsSignedIn, Is.False);
        Assert.That(session.IdentityId, Is.Null);
        Assert.That(session.AwsCredentials, Is.Null);
        Assert.That(Logged(5007).Single().Exception, Is.TypeOf<AwsCredentialsUnavailableException>());
    }

    [Test]
    public async Task GetTokensAsync_SessionSignedOutBeforeItsRefreshStarted_ThrowsNotSignedInWithoutRefreshing()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(56));

        // The caller has read the session and stops at its clock read; the sign-out runs in the gap.
        var late = Task.Run(async () =>
        {
            _time.PauseNextRead();
            return await source.GetTokensAsync(forceRefresh: false, default);
        });
        await _time.Paused.Task;
        await auth.SignOutAsync();
        _time.Resume();

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => late);
        Assert.That(ex!.Message, Is.EqualTo("The user signed out of user pool 'us-west-2_pool' before their tokens could be refreshed."));
        Assert.That(_pool.Refreshes, Is.Zero);
    }

    [Test]
    public async Task GetTokensAsync_SessionReplacedByAnotherSignInBeforeItsRefreshStarted_GetsTheNewSessionsTokens()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(56));

        var late = Task.Run(async () =>
        {
            _time.PauseNextRead();
            return await source.GetTokensAsync(forceRefresh: false, default);
        });
        await _time.Paused.Task;
        await auth.SignOutAsync();
        await auth.SignInAsync("user-2", "correct horse");
        _time.Resume();
        var tokens = await late;

        Assert.That(tokens!.AccessToken, Is.EqualTo((await auth.FetchSessionAsync()).UserPoolTokens!.AccessToken));
        Assert.That(tokens.RefreshToken, Is.EqualTo("refresh-2"), "user-2's tokens");
        Assert.That(_pool.Refreshes, Is.Zero, "user-1's old session is never refreshed");
    }

    [Test]
    public async Task GetTokensAsync_LateCallerAfterTwoRefreshes_GetsTheLatestTokens()
    {
        _pool.RotateRefreshTokens = true;
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var source = _provider.GetRequiredService<IUserPoolTokenSource>();
        _time.Advance(TimeSpan.FromMinutes(56));

        var late = Task.Run(async () =>
        {
            _time.PauseNextRead();
            return await source.GetTokensAsync(forceRefresh: false, default);
        });
        await _time.Paused.Task;
        await auth.FetchSessionAsync(forceRefresh: true);
        var latest = (await auth.FetchSessionAsync(forceRefresh: true)).UserPoolTokens!;
        _time.Resume();
        var lateTokens = await late;

        Assert.That(_pool.Refreshes, Is.EqualTo(2));
        Assert.That(lateTokens!.AccessToken, Is.EqualTo(latest.AccessToken));
        Assert.That(lateTokens.RefreshToken, Is.EqualTo("refresh-3"));
    }

    [Test]
    public async Task SignInAndRefresh_Telemetry_MarkTheirSpansWithTheOutcome()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AmplifyTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) { stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(listener);
        var auth = Auth();

        CognitoAssert.ThrowsAsync(CognitoErrorCodes.NotAuthorized, () => auth.SignInAsync("user-1", "wrong horse"));
        await auth.SignInAsync("user-1", "correct horse");
        await auth.FetchSessionAsync(forceRefresh: true);
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Error("InternalErrorException", "boom") : null;
        await auth.FetchSessionAsync(forceRefresh: true);

        string?[] Outcomes(string span)
        {
            lock (stopped)
            {
                return [.. stopped.Where(a => a.OperationName == span).Select(a => a.GetTagItem(AmplifyTelemetry.OutcomeTag) as string)];
            }
        }

        Assert.That(Outcomes(AmplifyTelemetry.SignInSpan), Is.EqualTo(new[] { "failure", "success" }));
        Assert.That(Outcomes(AmplifyTelemetry.TokenRefreshSpan), Is.EqualTo(new[] { "success", "failure" }));
    }

    [Test]
    public async Task SignInAsync_ChallengeWithoutParameters_AsksForTheStepWithNoInfoAndAnswersAsTheSignInName()
    {
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? FakeCognitoUserPool.Json(new JsonObject { ["ChallengeName"] = "SMS_MFA", ["Session"] = "s" }) : null;
        var auth = Auth();

        var result = await auth.SignInAsync("user-1", "correct horse");
        _pool.Intercept = (target, _) => target == "RespondToAuthChallenge" ? FakeCognitoUserPool.Error("CodeMismatchException", "wrong") : null;
        CognitoAssert.ThrowsAsync("CodeMismatchException", () => auth.ConfirmSignInAsync("answer-123"));

        Assert.That(result.NextStep, Is.EqualTo(AmplifySignInStep.ConfirmSignInWithSmsMfaCode));
        Assert.That(result.AdditionalInfo, Is.Empty);
        Assert.That(_pool.Calls[1].Body["ChallengeResponses"]!["USERNAME"]!.GetValue<string>(), Is.EqualTo("user-1"));
    }

    [Test]
    public async Task FetchSessionAsync_RefreshTimesOutOnItsOwn_KeepsTheValidTokens()
    {
        var auth = Auth();
        await auth.SignInAsync("user-1", "correct horse");
        var tokens = (await auth.FetchSessionAsync()).UserPoolTokens!;
        _pool.Intercept = (target, _) => target == "InitiateAuth" ? throw new TaskCanceledException("The request timed out.") : null;
        _time.Advance(TimeSpan.FromMinutes(56));

        var session = await auth.FetchSessionAsync();

        Assert.That(session.UserPoolTokens!.AccessToken, Is.EqualTo(tokens.AccessToken), "a timeout that is not the caller's cancellation is a failed refresh");
        Assert.That(Logged(5004).Single().Exception, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task FetchSessionAsync_StoreLoadCanceledOnItsOwn_IsRetriedNextTime()
    {
        var store = new RecordingStore { Tokens = StoredTokens(), LoadFailure = new OperationCanceledException("store timed out") };
        var auth = Auth(store: store);

        Assert.CatchAsync<OperationCanceledException>(() => auth.FetchSessionAsync());
        store.LoadFailure = null;
        var session = await auth.FetchSessionAsync();

        Assert.That(session.IsSignedIn, Is.True);
        Assert.That(store.Loads, Is.EqualTo(2));
    }

    [Test]
    public async Task SignInAsync_AfterTheUserPoolOptionsChange_UsesTheNewAppClient()
    {
        var clientId = "client-id";
        using var change = new OptionsChange();
        var auth = Auth(more: o => o.Auth.UserPool!.AppClientId = clientId, moreServices: s => s.AddSingleton<IOptionsChangeTokenSource<AmplifyRestApiOptions>>(change));
        await auth.SignInAsync("user-1", "correct horse");
        await auth.SignOutAsync();

        clientId = "client-2";
        _pool.ClientId = "client-2";
        change.Raise();
        await auth.SignInAsync("user-1", "correct horse");

        Assert.That(_pool.Calls.Select(c => c.Body["ClientId"]!.GetValue<string>()), Is.EqualTo(new[] { "client-id", "client-2" }));
    }
}
