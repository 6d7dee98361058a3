using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Credentials from a Cognito identity pool: <c>GetId</c>, then the pool's <see cref="IIdentityPoolCredentialsFlow"/>
/// (enhanced: <c>GetCredentialsForIdentity</c>; basic: <c>GetOpenIdToken</c> and STS <c>AssumeRoleWithWebIdentity</c>):
/// the unauthenticated role for a guest, the authenticated role once the logins provider reports a signed-in
/// principal. Credentials are cached per principal; the identity ID is kept in the identity-ID store per (pool, principal).
/// </summary>
internal sealed class CognitoIdentityCredentialsProvider : IAwsCredentialsProvider
{
    private readonly Func<CognitoIdentityClient> _clients;
    private readonly string _identityPoolId;
    private readonly ICognitoLoginsProvider _loginsProvider;
    private readonly IAmplifyIdentityIdStore _identityIds;
    private readonly AwsClockSkew _clock;
    private readonly TimeSpan _refreshWindow;
    private readonly ILogger _logger;
    private readonly IIdentityPoolCredentialsFlow _flow;
    private readonly object _switchLock = new();
    private Session? _session;

    public CognitoIdentityCredentialsProvider(Func<CognitoIdentityClient> clients, string identityPoolId, ICognitoLoginsProvider loginsProvider,
        IAmplifyIdentityIdStore identityIds, AwsClockSkew clock, TimeSpan refreshWindow, ILogger logger, IIdentityPoolCredentialsFlow? flow = null)
    {
        _flow = flow ?? EnhancedIdentityPoolFlow.Instance;
        _clients = clients;
        _identityPoolId = identityPoolId;
        _loginsProvider = loginsProvider;
        _identityIds = identityIds;
        _clock = clock;
        _refreshWindow = refreshWindow;
        _logger = logger;
    }

    public async ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        var logins = await _loginsProvider.GetLoginsAsync(cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new AwsCredentialsUnavailableException($"The Cognito logins provider returned null for identity pool '{_identityPoolId}'; return CognitoLogins.Unauthenticated for a guest.");
        var session = Volatile.Read(ref _session);
        if (session is null || !string.Equals(session.PrincipalKey, logins.PrincipalKey, StringComparison.Ordinal))
        {
            session = await SwitchAsync(session, logins, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Same principal: a refreshed ID token is used by the next credential refresh.
            session.Logins = logins;
        }

        return await session.Cache.GetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The identity ID of the current principal, once credentials have been fetched for it.</summary>
    public async ValueTask<string?> GetIdentityIdAsync(CancellationToken cancellationToken)
    {
        var logins = await _loginsProvider.GetLoginsAsync(cancellationToken).ConfigureAwait(false) ?? CognitoLogins.Unauthenticated;
        return await _identityIds.GetAsync(StoreKey(logins), cancellationToken).ConfigureAwait(false);
    }

    public override string ToString() => $"Cognito identity pool {_identityPoolId}";

    internal string StoreKey(CognitoLogins logins) => logins.IsAuthenticated ? $"{_identityPoolId}|{logins.PrincipalKey}" : $"{_identityPoolId}|unauthenticated";

    /// <summary>
    /// A new principal: signing in drops the guest identity; signing out (back to guest) forgets the
    /// signed-in identity and the guest one, so the next guest starts fresh.
    /// </summary>
    private async ValueTask<Session> SwitchAsync(Session? previous, CognitoLogins logins, CancellationToken cancellationToken)
    {
        Session created;
        lock (_switchLock)
        {
            var current = _session;
            if (current is not null && !ReferenceEquals(current, previous) && string.Equals(current.PrincipalKey, logins.PrincipalKey, StringComparison.Ordinal))
            {
                return current;
            }

            created = new Session(this, logins);
            _session = created;
            current?.Cache.Invalidate();
        }

        if (previous is not null)
        {
            CredentialsLog.PrincipalChanged(_logger, _identityPoolId, logins.IsAuthenticated);
            await _identityIds.RemoveAsync(StoreKey(CognitoLogins.Unauthenticated), cancellationToken).ConfigureAwait(false);
            if (previous.Logins.IsAuthenticated)
            {
                await _identityIds.RemoveAsync(StoreKey(previous.Logins), cancellationToken).ConfigureAwait(false);
            }
        }

        return created;
    }

    private async Task<AwsCredentials> FetchAsync(Session session, CancellationToken cancellationToken)
    {
        var logins = session.Logins;
        var wireLogins = logins.IsAuthenticated ? logins.Logins : null;
        var key = StoreKey(logins);

        // A client per refresh (once per credential lifetime) keeps HttpClientFactory's handler rotation working.
        var client = _clients();
        try
        {
            var identityId = await _identityIds.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (identityId is not null)
            {
                try
                {
                    return await _flow.GetCredentialsAsync(client, identityId, wireLogins, logins.IsAuthenticated, cancellationToken).ConfigureAwait(false);
                }
                catch (CognitoServiceException ex) when (ex.ErrorCode is CognitoErrorCodes.NotAuthorized or CognitoErrorCodes.ResourceNotFound)
                {
                    // The stored identity was deleted or belongs elsewhere: start over once, never in a loop.
                    CredentialsLog.StaleIdentity(_logger, _identityPoolId, identityId, ex.ErrorCode);
                    await _identityIds.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
                }
            }

            identityId = await client.GetIdAsync(_identityPoolId, wireLogins, cancellationToken).ConfigureAwait(false);
            await _identityIds.SetAsync(key, identityId, cancellationToken).ConfigureAwait(false);
            return await _flow.GetCredentialsAsync(client, identityId, wireLogins, logins.IsAuthenticated, cancellationToken).ConfigureAwait(false);
        }
        catch (CognitoServiceException ex) when (ex.ErrorCode == CognitoErrorCodes.NotAuthorized && !logins.IsAuthenticated)
        {
            throw new AwsCredentialsUnavailableException(
                $"Getting guest credentials from identity pool '{_identityPoolId}' failed: the pool refused them ({ex.ErrorCode}: {ex.Message}). Enable unauthenticated identities on the pool, or sign in before calling AWS_IAM endpoints. Configuration to check: {CognitoErrors.IdentityPoolKeys}.",
                ex.ErrorCode,
                ex);
        }
        catch (CognitoServiceException ex)
        {
            throw new AwsCredentialsUnavailableException(
                $"{Doing(logins)} from identity pool '{_identityPoolId}' failed ({ex.ErrorCode}: {ex.Message}). Configuration to check: {CognitoErrors.IdentityPoolKeys}.",
                ex.ErrorCode,
                ex);
        }
        catch (HttpRequestException ex)
        {
            throw new AwsCredentialsUnavailableException(
                $"{Doing(logins)} from identity pool '{_identityPoolId}' failed: {ex.Message} Configuration to check: {CognitoErrors.IdentityPoolKeys}.",
                null,
                ex);
        }
    }

    private static string Doing(CognitoLogins logins) => logins.IsAuthenticated ? "Getting credentials for the signed-in user" : "Getting guest credentials";

    private sealed class Session
    {
        private CognitoLogins _logins;

        public Session(CognitoIdentityCredentialsProvider owner, CognitoLogins logins)
        {
            _logins = logins;
            PrincipalKey = logins.PrincipalKey;
            // Expiry is judged on the local clock: an API host's learned skew never decides when these expire.
            Cache = new AwsCredentialsCache(ct => owner.FetchAsync(this, ct), () => owner._clock.TimeProvider.GetUtcNow(), owner._refreshWindow, owner.ToString(), owner._logger);
        }

        public string PrincipalKey { get; }

        public AwsCredentialsCache Cache { get; }

        public CognitoLogins Logins
        {
            get => Volatile.Read(ref _logins);
            set => Volatile.Write(ref _logins, value);
        }
    }
}
