using System.Runtime.CompilerServices;
using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// The user-pool session of this process: sign-in (SRP or password, with challenges), token refresh before
/// expiry with one flight for all callers, sign-out. It is also the token source of user-pool endpoints and
/// the logins provider that selects the identity pool's authenticated role.
/// </summary>
internal sealed class AmplifyAuth : IAmplifyAuth, IUserPoolTokenSource, ICognitoLoginsProvider, IDisposable
{
    /// <summary>Several 401s right after a refresh must not each force another one.</summary>
    internal static readonly TimeSpan ForcedRefreshDebounce = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan HardMargin = TimeSpan.FromMinutes(1);

    private readonly AmplifyEndpointCatalog _catalog;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IAmplifyTokenStore _store;
    private readonly AwsClockSkew _clock;
    private readonly Func<IAwsCredentialsProvider?> _identityCredentials;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private Session? _session;
    private Task<Session?>? _loading;
    private PendingChallenge? _pending;
    private int _generation;
    private int _disposed;
    private StrongBox<(AmplifyRestApiOptions Options, UserPoolConfiguration Pool)>? _poolConfiguration;

    public AmplifyAuth(AmplifyEndpointCatalog catalog, IHttpClientFactory httpClientFactory, IAmplifyTokenStore store, AwsClockSkew clock,
        Func<IAwsCredentialsProvider?> identityCredentials, ILogger<AmplifyAuth> logger)
    {
        _catalog = catalog;
        _httpClientFactory = httpClientFactory;
        _store = store;
        _clock = clock;
        _identityCredentials = identityCredentials;
        _logger = logger;
    }

    /// <summary>
    /// Refuses new calls. The sign-in lock is deliberately not disposed: a refresh already running in the background
    /// still takes it to commit its tokens (with rotation, dropping them would lose the only valid refresh token), and
    /// a <see cref="SemaphoreSlim"/> whose wait handle is never asked for holds nothing that needs disposing.
    /// </summary>
    public void Dispose() => Volatile.Write(ref _disposed, 1);

    public async Task<AmplifySignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        using var activity = AmplifyTelemetry.StartActivity(AmplifyTelemetry.SignInSpan);
        var pool = UserPool();
        await _signInLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await CurrentSessionAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                throw new AmplifyAuthException($"A user is already signed in to user pool '{pool.PoolId}'; call SignOutAsync first.");
            }

            _pending = null;
            var client = pool.Client(_httpClientFactory, _logger, _clock.TimeProvider);
            CognitoAuthResponse response;
            if (pool.Flow == CognitoAuthFlow.UserPasswordAuth)
            {
                response = await client.InitiateAuthAsync(
                    new InitiateAuthRequest(CognitoAuthFlow.UserPasswordAuth, pool.ClientId, pool.WithSecretHash(username, new()
                    {
                        [CognitoAuthParameters.Username] = username,
                        [CognitoAuthParameters.Password] = password,
                    })),
                    cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var srp = CognitoSrpHelper.Create(pool.PoolId, _clock.TimeProvider);
                response = await client.InitiateAuthAsync(
                    new InitiateAuthRequest(CognitoAuthFlow.UserSrpAuth, pool.ClientId, pool.WithSecretHash(username, new()
                    {
                        [CognitoAuthParameters.Username] = username,
                        [CognitoAuthParameters.SrpA] = srp.SrpA,
                    })),
                    cancellationToken).ConfigureAwait(false);
                if (response.ChallengeName == CognitoChallengeName.PasswordVerifier)
                {
                    var parameters = response.ChallengeParameters
                        ?? throw new AmplifyAuthException("Cognito sent PASSWORD_VERIFIER without challenge parameters.");
                    var answers = srp.CreatePasswordVerifierResponses(parameters, password);
                    var userId = answers[CognitoAuthParameters.Username];
                    response = await client.RespondToAuthChallengeAsync(
                        new RespondToAuthChallengeRequest(pool.ClientId, CognitoChallengeName.PasswordVerifier, response.Session, pool.WithSecretHash(userId, answers)),
                        cancellationToken).ConfigureAwait(false);
                }
            }

            var result = await CompleteAsync(pool, username, response, cancellationToken).ConfigureAwait(false);
            AmplifyTelemetry.Succeeded(activity);
            return result;
        }
        // The telemetry call only records the failure (it returns false); the exception is then put in plain words once.
        catch (Exception ex) when (!AmplifyTelemetry.Failed(activity, ex) && CognitoErrors.InPlainWords(ex, "sign-in", CognitoErrors.UserPoolKeys) is { } plain)
        {
            throw plain;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    public async Task<AmplifySignInResult> ConfirmSignInAsync(string answer, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrEmpty(answer);
        var pool = UserPool();
        await _signInLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var pending = _pending ?? throw new AmplifyAuthException("No sign-in challenge is pending; call SignInAsync first.");
            var answerKey = pending.ChallengeName switch
            {
                CognitoChallengeName.NewPasswordRequired => "NEW_PASSWORD",
                CognitoChallengeName.SmsMfa => "SMS_MFA_CODE",
                CognitoChallengeName.SoftwareTokenMfa => "SOFTWARE_TOKEN_MFA_CODE",
                _ => "ANSWER",
            };
            var responses = pool.WithSecretHash(pending.Username, new()
            {
                [CognitoAuthParameters.Username] = pending.Username,
                [answerKey] = answer,
            });
            var response = await pool.Client(_httpClientFactory, _logger, _clock.TimeProvider).RespondToAuthChallengeAsync(
                new RespondToAuthChallengeRequest(pool.ClientId, pending.ChallengeName, pending.Session, responses),
                cancellationToken).ConfigureAwait(false);
            return await CompleteAsync(pool, pending.Username, response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (CognitoErrors.InPlainWords(ex, "confirming the sign-in", CognitoErrors.UserPoolKeys) is { } plain)
        {
            throw plain;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    public async Task SignOutAsync(bool global = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var pool = UserPool();
        await _signInLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = await CurrentSessionAsync(cancellationToken).ConfigureAwait(false);

            // The local session ends first, whatever Cognito says about the revocation.
            Interlocked.Increment(ref _generation);
            Volatile.Write(ref _session, null);
            _pending = null;
            await _store.ClearAsync(cancellationToken).ConfigureAwait(false);
            AuthLog.SignedOut(_logger, pool.PoolId, global);
            if (global && session is not null)
            {
                var client = pool.Client(_httpClientFactory, _logger, _clock.TimeProvider);
                try
                {
                    // Amplify's global sign-out: every session of the user, on every device, ends.
                    await client.GlobalSignOutAsync(session.Tokens.AccessToken, cancellationToken).ConfigureAwait(false);
                }
                catch (CognitoServiceException ex) when (ex.ErrorCode == CognitoErrorCodes.NotAuthorized)
                {
                    // The access token already expired or was revoked; revoking the refresh token still ends the session.
                }

                if (session.Tokens.RefreshToken is { } refreshToken)
                {
                    await client.RevokeTokenAsync(refreshToken, pool.ClientId, pool.ClientSecret, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _signInLock.Release();
        }
    }

    public async Task<AmplifyAuthSession> FetchSessionAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var tokens = await GetTokensCoreAsync(forceRefresh, debounceForcedRefresh: false, cancellationToken).ConfigureAwait(false);
        string? identityId = null;
        AwsCredentials? credentials = null;
        if (_identityCredentials() is { } provider)
        {
            try
            {
                credentials = await provider.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                if (provider is CognitoIdentityCredentialsProvider cognito)
                {
                    identityId = await cognito.GetIdentityIdAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AwsCredentialsUnavailableException ex)
            {
                AuthLog.NoIdentityCredentials(_logger, ex);
            }
        }

        return new AmplifyAuthSession(tokens, identityId, credentials);
    }

    /// <summary>
    /// The token source of user-pool endpoints. A forced refresh here follows a 401; a burst of them right after
    /// a refresh reuses its tokens instead of refreshing again.
    /// </summary>
    public ValueTask<UserPoolTokens?> GetTokensAsync(bool forceRefresh, CancellationToken cancellationToken) =>
        GetTokensCoreAsync(forceRefresh, debounceForcedRefresh: true, cancellationToken);

    private async ValueTask<UserPoolTokens?> GetTokensCoreAsync(bool forceRefresh, bool debounceForcedRefresh, CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session) ?? await CurrentSessionAsync(cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return null;
        }

        // Token expiry is judged on the local clock, never on an API host's learned skew.
        var now = _clock.TimeProvider.GetUtcNow();
        var pool = UserPool();
        if (forceRefresh ? debounceForcedRefresh && now - session.CreatedAt < ForcedRefreshDebounce : now < session.ExpiresAt - pool.RefreshWindow)
        {
            return session.Tokens;
        }

        try
        {
            return (await session.Refresh.Join(() => RefreshAsync(session, pool)).WaitAsync(cancellationToken).ConfigureAwait(false)).Tokens;
        }
        catch (Exception ex) when (ex is not AmplifyAuthException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (_clock.TimeProvider.GetUtcNow() < session.ExpiresAt - HardMargin)
            {
                AuthLog.RefreshFailedKeepingTokens(_logger, ex);
                return session.Tokens;
            }

            if (ex is CognitoServiceException)
            {
                throw;
            }

            throw new AmplifyAuthException($"The tokens of user pool '{pool.PoolId}' are expiring and could not be refreshed: {ex.Message}", ex);
        }
    }

    public async ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is null && Volatile.Read(ref _loading) is { IsCompleted: true })
        {
            return CognitoLogins.Unauthenticated;
        }

        if (_catalog.Options.Auth.UserPool is not { PoolId: not null, AppClientId: not null })
        {
            return CognitoLogins.Unauthenticated;
        }

        await GetTokensAsync(forceRefresh: false, cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref _session)?.Logins ?? CognitoLogins.Unauthenticated;
    }

    /// <summary>The session in memory, loading it from the token store on first use.</summary>
    private async ValueTask<Session?> CurrentSessionAsync(CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            return session;
        }

        var loading = Volatile.Read(ref _loading);
        if (loading is null)
        {
            var started = LoadAsync();
            loading = Interlocked.CompareExchange(ref _loading, started, null) ?? started;
        }

        try
        {
            return await loading.WaitAsync(cancellationToken).ConfigureAwait(false) is not null ? Volatile.Read(ref _session) : null;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // A store that could not be read is tried again next time (the user may have fixed or deleted it).
            _ = Interlocked.CompareExchange(ref _loading, null, loading);
            throw;
        }
    }

    private async Task<Session?> LoadAsync()
    {
        var generation = Volatile.Read(ref _generation);
        var tokens = await _store.LoadAsync(CancellationToken.None).ConfigureAwait(false);
        if (tokens is null || _catalog.Options.Auth.UserPool is not { PoolId: not null, AppClientId: not null })
        {
            return null;
        }

        var session = NewSession(UserPool(), tokens.AccessToken, tokens.IdToken, tokens.RefreshToken, null);
        if (Volatile.Read(ref _generation) == generation)
        {
            Interlocked.CompareExchange(ref _session, session, null);
        }

        return session;
    }

    private async Task<AmplifySignInResult> CompleteAsync(UserPoolConfiguration pool, string username, CognitoAuthResponse response, CancellationToken cancellationToken)
    {
        if (response.AuthenticationResult is { } result)
        {
            var session = NewSession(pool, result.AccessToken, result.IdToken, result.RefreshToken, username);
            Interlocked.Increment(ref _generation);
            Volatile.Write(ref _session, session);
            _pending = null;
            await _store.SaveAsync(session.Tokens, cancellationToken).ConfigureAwait(false);
            AuthLog.SignedIn(_logger, pool.PoolId, pool.Flow);
            return new AmplifySignInResult(AmplifySignInStep.Done);
        }

        var step = response.ChallengeName switch
        {
            CognitoChallengeName.NewPasswordRequired => AmplifySignInStep.ConfirmSignInWithNewPassword,
            CognitoChallengeName.SmsMfa => AmplifySignInStep.ConfirmSignInWithSmsMfaCode,
            CognitoChallengeName.SoftwareTokenMfa => AmplifySignInStep.ConfirmSignInWithTotpCode,
            "SELECT_MFA_TYPE" => AmplifySignInStep.ContinueSignInWithMfaSelection,
            _ => throw new AmplifyAuthException($"Cognito asked for the sign-in challenge '{response.ChallengeName}', which this library does not answer yet."),
        };
        var parameters = response.ChallengeParameters ?? new Dictionary<string, string>();

        // Challenges after SRP name the user by USER_ID_FOR_SRP; their answers and SECRET_HASH must use it.
        var challengeUser = parameters.TryGetValue(CognitoAuthParameters.UserIdForSrp, out var userId) ? userId : username;
        _pending = new PendingChallenge(response.ChallengeName, response.Session, challengeUser);
        AuthLog.ChallengePending(_logger, pool.PoolId, step);
        var info = parameters.Where(p => p.Key is "CODE_DELIVERY_DELIVERY_MEDIUM" or "CODE_DELIVERY_DESTINATION" or "MFAS_CAN_CHOOSE" or "requiredAttributes")
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new AmplifySignInResult(step, info);
    }

    private async Task<Session> RefreshAsync(Session from, UserPoolConfiguration pool)
    {
        // A caller that read this session before its refresh completed joins its flight only after the flight ended:
        // the session it holds is superseded. It gets the tokens that replaced it; refreshing again from the old
        // refresh token would, with rotation, be refused and sign the user out. This runs synchronously when the
        // flight starts, and the successor is set before a flight ends, so no late caller slips between the two.
        if (from.Successor is { } successor)
        {
            while (successor.Successor is { } next)
            {
                successor = next;
            }

            return successor;
        }

        using var activity = AmplifyTelemetry.StartActivity(AmplifyTelemetry.TokenRefreshSpan);
        try
        {
            var session = await RefreshCoreAsync(from, pool).ConfigureAwait(false);
            AmplifyTelemetry.TokenRefreshed(activity);
            return session;
        }
        // The telemetry call only records the failure (it returns false); the exception is then put in plain words once.
        catch (Exception ex) when (!AmplifyTelemetry.TokenRefreshFailed(activity, ex) && CognitoErrors.InPlainWords(ex, "refreshing the session", CognitoErrors.UserPoolKeys) is { } plain)
        {
            throw plain;
        }
    }

    private async Task<Session> RefreshCoreAsync(Session from, UserPoolConfiguration pool)
    {
        var generation = Volatile.Read(ref _generation);
        if (Volatile.Read(ref _session) is var current && !ReferenceEquals(current, from))
        {
            // Replaced by a sign-out or a new sign-in since the caller read it: never refresh a session that is gone.
            return current ?? throw new AmplifyNotSignedInException($"The user signed out of user pool '{pool.PoolId}' before their tokens could be refreshed.");
        }

        var refreshToken = from.Tokens.RefreshToken
            ?? throw new SessionExpiredException($"The session of user pool '{pool.PoolId}' has no refresh token and its tokens are expiring; sign in again.");
        CognitoAuthResponse response;
        try
        {
            response = await pool.Client(_httpClientFactory, _logger, _clock.TimeProvider).InitiateAuthAsync(
                new InitiateAuthRequest(CognitoAuthFlow.RefreshTokenAuth, pool.ClientId, pool.WithSecretHash(from.Username, new()
                {
                    [CognitoAuthParameters.RefreshToken] = refreshToken,
                })),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (CognitoServiceException ex) when (ex.ErrorCode == CognitoErrorCodes.NotAuthorized)
        {
            AuthLog.SessionEnded(_logger, ex.ErrorCode);
            await _signInLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (Volatile.Read(ref _generation) == generation)
                {
                    Interlocked.Increment(ref _generation);
                    Volatile.Write(ref _session, null);
                    await _store.ClearAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            finally
            {
                _signInLock.Release();
            }

            throw new SessionExpiredException($"The refresh token of user pool '{pool.PoolId}' was refused ({ex.ErrorCode}: {ex.Message}); the session has ended. Sign in again.", ex);
        }

        var result = response.AuthenticationResult
            ?? throw new AmplifyAuthException($"Cognito answered REFRESH_TOKEN_AUTH with the challenge '{response.ChallengeName}' instead of tokens.");

        // Cognito sends a new refresh token only when rotation is on; otherwise the old one stays valid.
        var session = NewSession(pool, result.AccessToken, result.IdToken, result.RefreshToken ?? refreshToken, from.Username);

        // Committed under the sign-in lock: a sign-out (or another user's sign-in) that ran meanwhile wins, and
        // this refresh's tokens are neither kept in memory, saved to the store, nor handed to any caller.
        await _signInLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _generation) != generation)
            {
                throw new AmplifyNotSignedInException($"The user signed out of user pool '{pool.PoolId}' while their tokens were being refreshed.");
            }

            Volatile.Write(ref _session, session);
            from.Successor = session;
            await _store.SaveAsync(session.Tokens, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _signInLock.Release();
        }

        AuthLog.Refreshed(_logger, session.Tokens.AccessTokenExpiresAt ?? session.ExpiresAt);
        return session;
    }

    private Session NewSession(UserPoolConfiguration pool, string? accessToken, string? idToken, string? refreshToken, string? usernameHint)
    {
        if (string.IsNullOrEmpty(accessToken) || string.IsNullOrEmpty(idToken))
        {
            throw new AmplifyAuthException($"Cognito user pool '{pool.PoolId}' returned no access or ID token.");
        }

        // Expiry comes from each token's own exp claim: ExpiresIn may be missing and applies to the access token only.
        var access = JwtTokenReader.Read(accessToken);
        var id = JwtTokenReader.Read(idToken);
        var tokens = new UserPoolTokens(accessToken, idToken, refreshToken, access.ExpiresAt, id.ExpiresAt);
        var username = access.Username ?? usernameHint ?? id.Username ?? id.Subject
            ?? throw new AmplifyAuthException($"The tokens of user pool '{pool.PoolId}' name no user.");
        var logins = new CognitoLogins(new Dictionary<string, string>(StringComparer.Ordinal) { [pool.LoginsProviderName] = idToken }, id.Subject ?? username);
        return new Session(tokens, access.ExpiresAt < id.ExpiresAt ? access.ExpiresAt : id.ExpiresAt, username, logins, _clock.TimeProvider.GetUtcNow());
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new ObjectDisposedException(nameof(IAmplifyAuth), "The Amplify auth session was disposed with its service provider; resolve IAmplifyAuth from a live provider.");
        }
    }

    /// <summary>The checked user-pool settings, rebuilt only when the options change (this sits on every request's path).</summary>
    private UserPoolConfiguration UserPool()
    {
        var options = _catalog.Options;
        var cached = Volatile.Read(ref _poolConfiguration);
        if (cached is not null && ReferenceEquals(cached.Value.Options, options))
        {
            return cached.Value.Pool;
        }

        var pool = UserPoolConfiguration.From(options.Auth);
        Volatile.Write(ref _poolConfiguration, new StrongBox<(AmplifyRestApiOptions, UserPoolConfiguration)>((options, pool)));
        return pool;
    }

    private sealed record Session(UserPoolTokens Tokens, DateTimeOffset ExpiresAt, string Username, CognitoLogins Logins, DateTimeOffset CreatedAt)
    {
        private Session? _successor;

        /// <summary>This session's refresh: a flight belongs to one session, so no caller ever joins another user's.</summary>
        public SingleFlight<Session> Refresh { get; } = new();

        /// <summary>The session this one's refresh produced, set before the refresh's flight ends; <see langword="null"/> until then.</summary>
        public Session? Successor
        {
            get => Volatile.Read(ref _successor);
            set => Volatile.Write(ref _successor, value);
        }

        public override string ToString() => $"Session {{ Username = {Username}, ExpiresAt = {ExpiresAt:O} }}";
    }

    private sealed record PendingChallenge(string ChallengeName, string? Session, string Username)
    {
        public override string ToString() => $"PendingChallenge {{ ChallengeName = {ChallengeName}, Username = {Username} }}";
    }
}
