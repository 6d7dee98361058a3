using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// The AWS credentials of the current caller for <c>AWS_IAM</c> endpoints: the caller's ID token (see
/// <see cref="IAmplifyCallerContext.TryGetIdToken"/>) exchanged for authenticated-role credentials, cached per
/// caller. Read on every request (handlers are pooled and shared by all callers), never from a field. A caller
/// without an ID token is refused unless the context opts in to the guest role
/// (<see cref="IAmplifyCallerContext.AllowsGuestCredentials"/>): a silent fallback would hide a broken client.
/// </summary>
internal sealed class CallerCredentialsSource(IAmplifyCallerContext caller, CallerCredentialsCache cache, ICallerCredentialsExchange exchange, string registeredBy, IAwsCredentialsProvider? guest = null) : IAwsCredentialsProvider
{
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
    {
        if (!caller.TryGetIdToken(out var idToken, out var problem))
        {
            if (guest is not null && caller.AllowsGuestCredentials)
            {
                return guest.GetCredentialsAsync(cancellationToken);
            }

            throw new AmplifyNotSignedInException(
                $"AWS_IAM endpoints exchange the caller's ID token for identity-pool credentials ({registeredBy}), but {problem}; the request was not sent. "
                + "The identity pool's guest role is not used for a caller without an ID token unless you opt in "
                + "(AmplifyCallerTokenForwardingOptions.AllowGuestCredentials, or IAmplifyCallerContext.AllowsGuestCredentials).");
        }

        return cache.GetOrAddAsync(idToken, exchange, cancellationToken);
    }
}
