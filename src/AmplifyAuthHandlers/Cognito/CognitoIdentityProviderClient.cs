using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AmplifyAuthHandlers;

/// <summary>
/// A minimal Cognito User Pools client over the JSON 1.1 protocol: <c>InitiateAuth</c>,
/// <c>RespondToAuthChallenge</c>, <c>RevokeToken</c> and <c>GlobalSignOut</c>. These operations are unsigned.
/// </summary>
internal sealed class CognitoIdentityProviderClient
{
    /// <summary>The <c>X-Amz-Target</c> prefix of Cognito User Pools.</summary>
    public const string TargetPrefix = "AWSCognitoIdentityProviderService";

    private readonly CognitoJsonProtocol _protocol;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The client that sends the requests.</param>
    /// <param name="serviceUri">The service URI; see <see cref="GetDefaultServiceUri"/>, or an emulator's.</param>
    /// <param name="logger">Where to log operation outcomes; nothing is logged when <see langword="null"/>.</param>
    /// <param name="timeProvider">Times the delays between retries of transient failures; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="serviceUri"/> is not an absolute http(s) URI.</exception>
    public CognitoIdentityProviderClient(HttpClient httpClient, Uri serviceUri, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _protocol = new CognitoJsonProtocol(httpClient, serviceUri, TargetPrefix, logger ?? NullLogger.Instance, timeProvider);
    }

    /// <summary>Gets the URI requests are posted to.</summary>
    public Uri ServiceUri => _protocol.ServiceUri;

    /// <summary>Returns <c>https://cognito-idp.{region}.amazonaws.com/</c>.</summary>
    /// <param name="region">An AWS region such as <c>us-east-1</c>.</param>
    /// <returns>The default service URI.</returns>
    /// <exception cref="ArgumentException"><paramref name="region"/> is not an AWS region name.</exception>
    public static Uri GetDefaultServiceUri(string region) => CognitoEndpoints.ForIdentityProvider(region);

    /// <summary>Starts a sign-in or refresh.</summary>
    /// <param name="request">The flow, client and parameters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Tokens, or the next challenge.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error (for example <see cref="CognitoErrorCodes.NotAuthorized"/>) or an unreadable response.</exception>
    public Task<CognitoAuthResponse> InitiateAuthAsync(InitiateAuthRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.AuthFlow);
        ArgumentException.ThrowIfNullOrEmpty(request.ClientId);
        ArgumentNullException.ThrowIfNull(request.AuthParameters);
        return SendAuthAsync("InitiateAuth", request, CognitoJsonContext.Default.InitiateAuthRequest, cancellationToken);
    }

    /// <summary>Answers a challenge of <see cref="InitiateAuthAsync"/> or of a previous answer.</summary>
    /// <param name="request">The challenge, session and answers.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Tokens, or the next challenge.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error or an unreadable response.</exception>
    public Task<CognitoAuthResponse> RespondToAuthChallengeAsync(RespondToAuthChallengeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.ClientId);
        ArgumentException.ThrowIfNullOrEmpty(request.ChallengeName);
        ArgumentNullException.ThrowIfNull(request.ChallengeResponses);
        return SendAuthAsync("RespondToAuthChallenge", request, CognitoJsonContext.Default.RespondToAuthChallengeRequest, cancellationToken);
    }

    /// <summary>Revokes a refresh token and the access tokens issued from it.</summary>
    /// <param name="token">The refresh token.</param>
    /// <param name="clientId">The app client ID.</param>
    /// <param name="clientSecret">The app client secret, or <see langword="null"/> for a public client.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Cognito has revoked the token.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error.</exception>
    public Task RevokeTokenAsync(string token, string clientId, string? clientSecret, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        return _protocol.SendAsync(
            "RevokeToken",
            new RevokeTokenRequest(token, clientId, string.IsNullOrEmpty(clientSecret) ? null : clientSecret),
            CognitoJsonContext.Default.RevokeTokenRequest,
            cancellationToken);
    }

    /// <summary>Signs the user out of every device by invalidating their refresh tokens.</summary>
    /// <param name="accessToken">The user's access token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Cognito has signed the user out.</returns>
    /// <exception cref="CognitoServiceException">Cognito returned an error.</exception>
    public Task GlobalSignOutAsync(string accessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        return _protocol.SendAsync("GlobalSignOut", new GlobalSignOutRequest(accessToken), CognitoJsonContext.Default.GlobalSignOutRequest, cancellationToken);
    }

    private async Task<CognitoAuthResponse> SendAuthAsync<TRequest>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        CancellationToken cancellationToken)
    {
        var response = await _protocol.SendAsync(operation, request, requestType, CognitoJsonContext.Default.CognitoAuthResponse, cancellationToken)
            .ConfigureAwait(false);
        if (response.AuthenticationResult is null && string.IsNullOrEmpty(response.ChallengeName))
        {
            throw _protocol.MissingField(operation, "AuthenticationResult or ChallengeName");
        }

        return response;
    }
}
