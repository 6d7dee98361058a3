using AmplifyAuthHandlers.Credentials;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.AspNetCore;

/// <summary>
/// The AWS credentials of the current caller for <c>AWS_IAM</c> endpoints: the caller's ID token (see
/// <see cref="CallerTokenReader.TryReadCallerIdToken"/>) exchanged for authenticated-role credentials, cached per
/// caller. Read on every request (handlers are pooled and shared by all callers), never from a field.
/// </summary>
internal sealed class CallerCredentialsSource(CallerTokenReader reader, CallerCredentialsCache cache, ICallerCredentialsExchange exchange) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (!reader.TryReadCallerIdToken(out var idToken, out var problem))
        {
            throw new AmplifyNotSignedInException(
                $"AWS_IAM endpoints exchange the caller's ID token for identity-pool credentials (AddAmplifyCallerTokenForwarding), but {problem}; the request was not sent.");
        }

        return cache.GetOrAddAsync(idToken, exchange, cancellationToken);
    }
}
