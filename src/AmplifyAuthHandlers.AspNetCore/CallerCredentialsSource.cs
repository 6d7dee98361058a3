using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>
/// The AWS credentials of the current caller for an <c>AWS_IAM</c> endpoint: the caller's ID token (see
/// <see cref="CallerTokenReader.TryReadCallerIdToken"/>) exchanged for authenticated-role credentials, cached per caller.
/// The identity-pool credential provider plugs in <see cref="ICallerCredentialsExchange"/> and calls this per request.
/// </summary>
internal sealed class CallerCredentialsSource(CallerTokenReader reader, CallerCredentialsCache cache, ICallerCredentialsExchange exchange)
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(string endpointName, CancellationToken cancellationToken)
    {
        if (!reader.TryReadCallerIdToken(out var idToken, out var problem))
        {
            throw AmplifyNotSignedInException.ForEndpoint(
                endpointName,
                "AWS_IAM",
                $"It exchanges the caller's ID token for identity-pool credentials (AddAmplifyCallerTokenForwarding), but {problem}.");
        }

        return cache.GetOrAddAsync(idToken, exchange, cancellationToken);
    }
}
