
namespace AmplifyAuthHandlers.IntegrationTests.Testing.Backend;

/// <summary>The OIDC token of the tests: the signed-in user's ID token from the library's own session.</summary>
public sealed class SessionIdTokenProvider(IAmplifyAuth auth) : IAmplifyTokenProvider
{
    public async ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) =>
        (await auth.FetchSessionAsync(context.ForceRefresh, cancellationToken)).UserPoolTokens?.IdToken;
}
