using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmplifyAuthHandlers;

/// <summary>
/// A minimal Cognito Identity (identity pools) client over the JSON 1.1 protocol: <c>GetId</c>,
/// <c>GetCredentialsForIdentity</c> and <c>GetOpenIdToken</c>. These operations are unsigned.
/// </summary>
internal sealed class CognitoIdentityClient
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Cognito Identity.</summary>
    public const string TargetPrefix = "AWSCognitoIdentityService";

    private readonly CognitoJsonProtocol _protocol;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The client that sends the requests.</param>
    /// <param name="serviceUri">The service URI; see <see cref="GetDefaultServiceUri"/>, or an emulator's.</param>
    /// <param name="logger">Where to log operation outcomes; nothing is logged when <see langword="null"/>.</param>
    /// <param name="timeProvider">Times the delays between retries of transient failures; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="serviceUri"/> is not an absolute http(s) URI.</exception>
    public CognitoIdentityClient(HttpClient httpClient, Uri serviceUri, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _protocol = new CognitoJsonProtocol(httpClient, serviceUri, TargetPrefix, logger ?? NullLogger.Instance, timeProvider);
    }

    /// <summary>Gets the URI requests are posted to.</summary>
    public Uri ServiceUri => _protocol.ServiceUri;

    /// <summary>Returns <c>https://cognito-identity.{region}.amazonaws.com/</c>.</summary>
    /// <param name="region">An AWS region such as <c>us-east-1</c>.</param>
    /// <returns>The default service URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not an AWS region name.</exception>
    public static Uri GetDefaultServiceUri(string region) => CognitoEndpoints.ForIdentity(region);

    /// <summary>Gets (or creates) the identity ID of the caller in an identity pool.</summary>
    /// <param name="identityPoolId">The identity pool ID.</param>
    /// <param name="logins">Provider name → token, or <see langword="null"/> for an unauthenticated identity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity ID.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error or an unreadable response.</exception>
    public async Task<string> GetIdAsync(string identityPoolId, IReadOnlyDictionary<string, string>? logins, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityPoolId);
        const string Operation = "GetId";
        var response = await _protocol.SendAsync(
            Operation,
            new GetIdRequest(identityPoolId, NullIfEmpty(logins)),
            CognitoJsonContext.Default.GetIdRequest,
            CognitoJsonContext.Default.GetIdResponse,
            cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.IdentityId) ? throw _protocol.MissingField(Operation, "IdentityId") : response.IdentityId;
    }

    /// <summary>Gets temporary AWS credentials for an identity.</summary>
    /// <param name="identityId">The identity ID from <see cref="GetIdAsync"/>.</param>
    /// <param name="logins">The same logins as for <see cref="GetIdAsync"/>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity ID Cognito reports and the credentials.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error or an unreadable response.</exception>
    public async Task<CognitoIdentityCredentials> GetCredentialsForIdentityAsync(
        string identityId,
        IReadOnlyDictionary<string, string>? logins,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityId);
        const string Operation = "GetCredentialsForIdentity";
        var response = await _protocol.SendAsync(
            Operation,
            new GetCredentialsForIdentityRequest(identityId, NullIfEmpty(logins)),
            CognitoJsonContext.Default.GetCredentialsForIdentityRequest,
            CognitoJsonContext.Default.GetCredentialsForIdentityResponse,
            cancellationToken).ConfigureAwait(false);

        var wire = response.Credentials ?? throw _protocol.MissingField(Operation, "Credentials");
        if (string.IsNullOrEmpty(wire.AccessKeyId))
        {
            throw _protocol.MissingField(Operation, "Credentials.AccessKeyId");
        }

        if (string.IsNullOrEmpty(wire.SecretKey))
        {
            throw _protocol.MissingField(Operation, "Credentials.SecretKey");
        }

        DateTimeOffset? expiration = null;
        if (wire.Expiration is { } seconds)
        {
            expiration = FromEpochSeconds(seconds) ?? throw _protocol.MissingField(Operation, "Credentials.Expiration in epoch seconds");
        }

        var credentials = new AwsCredentials(wire.AccessKeyId, wire.SecretKey, string.IsNullOrEmpty(wire.SessionToken) ? null : wire.SessionToken, expiration);
        return new CognitoIdentityCredentials(string.IsNullOrEmpty(response.IdentityId) ? identityId : response.IdentityId, credentials);
    }

    /// <summary>Gets an OpenID Connect token for an identity.</summary>
    /// <param name="identityId">The identity ID from <see cref="GetIdAsync"/>.</param>
    /// <param name="logins">The logins, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The identity ID and the token.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error or an unreadable response.</exception>
    public async Task<CognitoOpenIdToken> GetOpenIdTokenAsync(
        string identityId,
        IReadOnlyDictionary<string, string>? logins,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identityId);
        const string Operation = "GetOpenIdToken";
        var response = await _protocol.SendAsync(
            Operation,
            new GetOpenIdTokenRequest(identityId, NullIfEmpty(logins)),
            CognitoJsonContext.Default.GetOpenIdTokenRequest,
            CognitoJsonContext.Default.GetOpenIdTokenResponse,
            cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Token))
        {
            throw _protocol.MissingField(Operation, "Token");
        }

        return new CognitoOpenIdToken(string.IsNullOrEmpty(response.IdentityId) ? identityId : response.IdentityId, response.Token);
    }

    /// <summary>Converts epoch seconds (possibly fractional) to a time, to the millisecond.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z.</param>
    /// <returns>The time, or <see langword="null"/> when the value is not a representable time.</returns>
    internal static DateTimeOffset? FromEpochSeconds(double seconds)
    {
        var milliseconds = Math.Round(seconds * 1000d, MidpointRounding.AwayFromZero);
        if (double.IsNaN(milliseconds)
            || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds()
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
    }

    private static IReadOnlyDictionary<string, string>? NullIfEmpty(IReadOnlyDictionary<string, string>? logins) =>
        logins is { Count: > 0 } ? logins : null;
}
