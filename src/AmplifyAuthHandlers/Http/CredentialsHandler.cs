using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Resolves AWS credentials for each attempt and hands them to the signing handler through the request's
/// options. Requests that carry no automatic authorization (another origin, caller-set <c>Authorization</c>)
/// get none. Credentials already past their expiration are asked for once more; what cannot be used (expired,
/// empty, a line break or non-ASCII) fails with <see cref="AwsCredentialsUnavailableException"/> before signing.
/// </summary>
internal sealed class CredentialsHandler(string endpointName, IAwsCredentialsProvider provider, TimeProvider timeProvider) : DelegatingHandler
{
    // Providers cache: the same immutable object comes back until it is refreshed, so its characters (a ~1 KB session
    // token) are checked once per object rather than on every request. Expiry is still judged on every request.
    private volatile AwsCredentials? _checked;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmplifyRequestOptionKeys.GetState(request) is not { ShouldAuthorize: true })
        {
            ((IDictionary<string, object?>)request.Options).Remove(AmplifyRequestOptionKeys.Credentials.Key);
            return base.SendAsync(request, cancellationToken);
        }

#pragma warning disable CA2012 // Consumed once: read when it completed synchronously, otherwise awaited once below.
        var pending = ResolveAsync(cancellationToken);
#pragma warning restore CA2012
        if (pending.IsCompletedSuccessfully && pending.Result is { } cached)
        {
            var now = timeProvider.GetUtcNow();
            if (!ProvidedCredentialsValidator.IsExpired(cached, now))
            {
                // The cached, hot path: nothing to await, so no state machine.
                Use(request, cached, now);
                return base.SendAsync(request, cancellationToken);
            }
        }

        return ResolveThenSendAsync(request, pending, cancellationToken);
    }

    private async Task<HttpResponseMessage> ResolveThenSendAsync(HttpRequestMessage request, ValueTask<AwsCredentials> pending, CancellationToken cancellationToken)
    {
        var credentials = await pending.ConfigureAwait(false);
        if (ProvidedCredentialsValidator.IsExpired(credentials, timeProvider.GetUtcNow()))
        {
            // A stale cache entry may be all that is wrong: one more ask, then refuse rather than send expired keys.
            credentials = await ResolveAsync(cancellationToken).ConfigureAwait(false);
        }

        Use(request, credentials, timeProvider.GetUtcNow());
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hands the credentials to the signer, after checking them unless this very object passed before (and <paramref name="now"/> is not after its expiry).</summary>
    private void Use(HttpRequestMessage request, AwsCredentials? credentials, DateTimeOffset now)
    {
        if (credentials is null || !ReferenceEquals(credentials, _checked) || ProvidedCredentialsValidator.IsExpired(credentials, now))
        {
            credentials = ProvidedCredentialsValidator.Validate(credentials, now, endpointName, provider);
            _checked = credentials;
        }

        request.Options.Set(AmplifyRequestOptionKeys.Credentials, credentials);
    }

    /// <summary>Asks the provider, awaited with the request's token (a provider that ignores it cannot hold the request), inside the credentials span.</summary>
    private ValueTask<AwsCredentials> ResolveAsync(CancellationToken cancellationToken) =>
        AmplifyTelemetry.WaitForAuthAsync(AmplifyTelemetry.CredentialsResolveSpan, endpointName, "AWS_IAM", provider, static (provider, ct) => provider.GetCredentialsAsync(ct).WaitAsync(ct), cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");
}
