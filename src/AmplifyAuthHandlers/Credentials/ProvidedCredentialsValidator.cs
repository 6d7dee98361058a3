using System.Globalization;
using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>
/// Checks the credentials a provider returned before a request is signed with them: present, not empty, printable
/// ASCII (they travel in <c>Authorization</c> and <c>X-Amz-Security-Token</c>, where a line break would inject a
/// header line and non-ASCII fails every request), and not past their <see cref="AwsCredentials.Expiration"/>.
/// The same rules as <see cref="StaticAwsCredentialsProvider"/>, reported as <see cref="AwsCredentialsUnavailableException"/>
/// naming the endpoint and the provider, never a value.
/// </summary>
internal static class ProvidedCredentialsValidator
{
    /// <summary>Whether the credentials carry an expiration that is not after <paramref name="now"/>.</summary>
    public static bool IsExpired(AwsCredentials? credentials, DateTimeOffset now) =>
        credentials?.Expiration is { } expiration && expiration <= now;

    /// <summary>Returns <paramref name="credentials"/> when they can be used; throws otherwise.</summary>
    /// <exception cref="AwsCredentialsUnavailableException">They are missing, empty, malformed or expired.</exception>
    public static AwsCredentials Validate(AwsCredentials? credentials, DateTimeOffset now, string endpointName, IAwsCredentialsProvider provider)
    {
        var problem = Problem(credentials, now);
        return problem is null
            ? credentials!
            : throw new AwsCredentialsUnavailableException(
                $"Endpoint '{endpointName}': the AWS credentials provider {Describe(provider)} {problem}, so the request was not sent. Return valid, unexpired credentials, or throw AwsCredentialsUnavailableException when there are none.");
    }

    /// <summary>A name for the provider that cannot carry a secret: the library's own describe themselves, others by type.</summary>
    internal static string Describe(IAwsCredentialsProvider provider)
    {
        var type = provider.GetType();
        var name = type.Assembly == typeof(ProvidedCredentialsValidator).Assembly ? provider.ToString() ?? type.Name : type.FullName ?? type.Name;
        return AmplifyInvalidHeaderException.Printable(name);
    }

    private static string? Problem(AwsCredentials? credentials, DateTimeOffset now)
    {
        if (credentials is null)
        {
            return "returned no credentials (null)";
        }

        if (string.IsNullOrWhiteSpace(credentials.AccessKeyId) || string.IsNullOrWhiteSpace(credentials.SecretAccessKey))
        {
            return "returned an empty or whitespace access key ID or secret access key";
        }

        if (!HttpHeaderSyntax.IsPrintableAscii(credentials.AccessKeyId))
        {
            return "returned an access key ID with a control character (such as a line break) or a non-ASCII character";
        }

        if (!HttpHeaderSyntax.IsPrintableAscii(credentials.SecretAccessKey))
        {
            return "returned a secret access key with a control character (such as a line break) or a non-ASCII character";
        }

        if (credentials.SessionToken is { } token && !HttpHeaderSyntax.IsPrintableAscii(token))
        {
            return "returned a session token with a control character (such as a line break) or a non-ASCII character";
        }

        return IsExpired(credentials, now)
            ? $"returned credentials that expired at {credentials.Expiration!.Value.ToString("O", CultureInfo.InvariantCulture)} (now {now.ToString("O", CultureInfo.InvariantCulture)}), also when asked again"
            : null;
    }
}
