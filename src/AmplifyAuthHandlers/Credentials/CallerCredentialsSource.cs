using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// The AWS credentials of the current caller for <c>AWS_IAM</c> endpoints: the caller's ID token (see
/// <see cref="IAmplifyCallerContext.TryGetIdToken"/>) exchanged for authenticated-role credentials, cached per
/// caller. Read on every request (handlers are pooled and shared by all callers), never from a field.
/// </summary>
internal sealed class CallerCredentialsSource(IAmplifyCallerContext caller, CallerCredentialsCache cache, ICallerCredentialsExchange exchange, string registeredBy) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (!caller.TryGetIdToken(out var idToken, out var problem))
        {
            throw new AmplifyNotSignedInException(
                $"AWS_IAM endpoints exchange the caller's ID token for identity-pool credentials ({registeredBy}), but {problem}; the request was not sent.");
        }

        return cache.GetOrAddAsync(idToken, exchange, cancellationToken);
    }
}
