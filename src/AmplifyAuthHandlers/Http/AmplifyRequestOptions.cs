using AmplifyAuthHandlers.Signing;

namespace AmplifyAuthHandlers.Http;

/// <summary>
/// Keys under which the handlers of one endpoint's chain pass per-request state to each other
/// through <see cref="HttpRequestMessage.Options"/>.
/// </summary>
internal static class AmplifyRequestOptions
{
    /// <summary>The AWS credentials the credentials handler resolved for this attempt; the SigV4 handler signs with them.</summary>
    public static readonly HttpRequestOptionsKey<AwsCredentials> Credentials = new("AmplifyAuthHandlers.Credentials");
}
