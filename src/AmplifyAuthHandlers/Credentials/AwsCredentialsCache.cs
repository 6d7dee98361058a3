using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;

namespace AmplifyAuthHandlers;

/// <summary>
/// Caches expiring credentials and refreshes them without stampedes:
/// <list type="bullet">
/// <item>valid and outside the refresh window: returned at once, with no lock and no allocation;</item>
/// <item>inside the refresh window: returned at once while exactly one background refresh runs;</item>
/// <item>expired, within the hard margin, or none yet: callers wait for one shared refresh.</item>
/// </list>
/// The shared refresh runs under no caller's token, so a cancelled caller neither cancels nor poisons it;
/// failures are not cached. A failed refresh falls back to the old credentials while they are still valid.
/// </summary>
internal sealed class AwsCredentialsCache
{
    /// <summary>Closer than this to expiry, credentials are not used: a request signed now may arrive later.</summary>
    public static readonly TimeSpan HardMargin = TimeSpan.FromMinutes(1);

    private readonly Func<CancellationToken, Task<AwsCredentials>> _fetch;
    private readonly Func<DateTimeOffset> _now;
    private readonly TimeSpan _refreshWindow;
    private readonly string _sourceName;
    private readonly ILogger _logger;
    private AwsCredentials? _current;
    private readonly SingleFlight<AwsCredentials> _refresh = new();
    private readonly Func<Task<AwsCredentials>> _refreshWork;
    private int _generation;

    public AwsCredentialsCache(Func<CancellationToken, Task<AwsCredentials>> fetch, Func<DateTimeOffset> now, TimeSpan refreshWindow, string sourceName, ILogger logger)
    {
        _fetch = fetch;
        _now = now;
        _refreshWindow = refreshWindow < HardMargin ? HardMargin : refreshWindow;
        _sourceName = sourceName;
        _logger = logger;

        // Held once: inside the refresh window every request joins the flight, and must not allocate a delegate to do so.
        _refreshWork = RefreshAsync;
    }

    public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null)
        {
            if (current.Expiration is not { } expiration)
            {
                return new(current);
            }

            var now = _now();
            if (now < expiration - _refreshWindow)
            {
                return new(current);
            }

            if (now < expiration - HardMargin)
            {
                StartRefresh();
                return new(current);
            }
        }

        return new(WaitForRefreshAsync(cancellationToken));
    }

    /// <summary>Drops the cached credentials (sign-out, another principal); a refresh already running will not restore them.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _current, null);
    }

    private async Task<AwsCredentials> WaitForRefreshAsync(CancellationToken cancellationToken)
    {
        var refresh = StartRefresh();
        try
        {
            return await refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var current = Volatile.Read(ref _current);
            if (current is { Expiration: { } expiration } && _now() < expiration)
            {
                CredentialsLog.UsingOldCredentials(_logger, _sourceName, ex);
                return current;
            }

            if (ex is AwsCredentialsUnavailableException)
            {
                throw;
            }

            throw new AwsCredentialsUnavailableException(
                $"AWS credentials from {_sourceName} could not be obtained, so the request was not sent: {ex.Message}",
                (ex as CognitoServiceException)?.ErrorCode,
                ex);
        }
    }

    private Task<AwsCredentials> StartRefresh() => _refresh.Join(_refreshWork);

    private async Task<AwsCredentials> RefreshAsync()
    {
        var generation = Volatile.Read(ref _generation);
        using var activity = AmplifyTelemetry.StartActivity(AmplifyTelemetry.CredentialsRefreshSpan);
        try
        {
            var credentials = await _fetch(CancellationToken.None).ConfigureAwait(false)
                ?? throw new AwsCredentialsUnavailableException($"{_sourceName} returned no credentials.");
            if (Volatile.Read(ref _generation) == generation)
            {
                Volatile.Write(ref _current, credentials);
            }

            CredentialsLog.Refreshed(_logger, _sourceName, credentials.Expiration);
            AmplifyTelemetry.CredentialsRefreshed(activity, _sourceName);
            return credentials;
        }
        catch (Exception ex)
        {
            CredentialsLog.RefreshFailed(_logger, _sourceName, ex);
            AmplifyTelemetry.CredentialsRefreshFailed(activity, _sourceName, ex);
            throw;
        }
    }
}
