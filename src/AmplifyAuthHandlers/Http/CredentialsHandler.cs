
namespace AmplifyAuthHandlers;

/// <summary>
/// Resolves AWS credentials for each attempt and hands them to the signing handler through the request's
/// options. Requests that carry no automatic authorization (another origin, caller-set <c>Authorization</c>)
/// get none.
/// </summary>
internal sealed class CredentialsHandler(IAwsCredentialsProvider provider, string endpointName) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AmplifyRequestOptionKeys.GetState(request) is { ShouldAuthorize: true })
        {
            var credentials = await AmplifyTelemetry.WaitForAuthAsync(AmplifyTelemetry.CredentialsResolveSpan, endpointName, "AWS_IAM", provider.GetCredentialsAsync, cancellationToken).ConfigureAwait(false);
            request.Options.Set(AmplifyRequestOptionKeys.Credentials, credentials);
        }
        else
        {
            ((IDictionary<string, object?>)request.Options).Remove(AmplifyRequestOptionKeys.Credentials.Key);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("AmplifyAuthHandlers handlers are asynchronous; use SendAsync.");
}
