using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers;

/// <summary>Always returns the same credentials: long-term keys, or temporary ones the application renews itself.</summary>
public sealed class StaticAwsCredentialsProvider : IAwsCredentialsProvider
{
    private readonly AwsCredentials _credentials;

    /// <summary>Creates the provider.</summary>
    /// <param name="credentials">The credentials to return.</param>
    /// <exception cref="ArgumentException">The access key ID or secret is empty or whitespace, or a key, secret or session token holds a control or non-ASCII character.</exception>
    public StaticAwsCredentialsProvider(AwsCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(credentials.AccessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(credentials.SecretAccessKey);

        // They travel in Authorization and X-Amz-Security-Token: a line break would inject a header line, and
        // non-ASCII would fail every request. The same rule as for a registered provider's credentials.
        if (!HttpHeaderSyntax.IsPrintableAscii(credentials.AccessKeyId)
            || !HttpHeaderSyntax.IsPrintableAscii(credentials.SecretAccessKey)
            || (credentials.SessionToken is { } token && !HttpHeaderSyntax.IsPrintableAscii(token)))
        {
            throw new ArgumentException("The access key ID, secret access key or session token contains a control character (such as a line break) or a non-ASCII character; AWS credentials are printable ASCII (the value is not shown).", nameof(credentials));
        }

        _credentials = credentials;
    }

    /// <inheritdoc/>
    public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(_credentials);

    /// <summary>Names the access key ID only.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"StaticAwsCredentialsProvider {{ AccessKeyId = {_credentials.AccessKeyId} }}";
}
