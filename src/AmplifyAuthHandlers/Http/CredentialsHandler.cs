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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmplifyRequestOptionKeys.GetState(request) is { ShouldAuthorize: true })
        {
            var credentials = await ResolveAsync(cancellationToken).ConfigureAwait(false);
            if (ProvidedCredentialsValidator.IsExpired(credentials, timeProvider.GetUtcNow()))
            {
                // A stale cache entry may be all that is wrong: one more ask, then refuse rather than send expired keys.
                credentials = await ResolveAsync(cancellationToken).ConfigureAwait(false);
            }

            request.Options.Set(AmplifyRequestOptionKeys.Credentials, ProvidedCredentialsValidator.Validate(credentials, timeProvider.GetUtcNow(), endpointName, provider));
        }
        else
        {
            ((IDictionary<string, object?>)request.Options).Remove(AmplifyRequestOptionKeys.Credentials.Key);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the provider, awaited with the request's token (a provider that ignores it cannot hold the request), inside the credentials span.</summary>
    private ValueTask<AwsCredentials> ResolveAsync(CancellationToken cancellationToken) =>
        AmplifyTelemetry.WaitForAuthAsync(AmplifyTelemetry.CredentialsResolveSpan, endpointName, "AWS_IAM", ct => provider.GetCredentialsAsync(ct).WaitAsync(ct), cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");
}
