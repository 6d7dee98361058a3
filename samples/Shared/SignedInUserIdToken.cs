// Shared by the samples that sign a user in: the emulator's configuration (like many real ones) also lists
// OPENID_CONNECT and AWS_LAMBDA APIs, and start-up validation wants a token source for each.
using AmplifyAuthHandlers.Auth;

namespace Samples;

/// <summary>The ID token of the user signed in with <c>IAmplifyAuth</c>, for OIDC and Lambda-authorized APIs.</summary>
internal sealed class SignedInUserIdToken(IUserPoolTokenSource session) : IAmplifyTokenProvider
{
    public async ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) =>
        (await session.GetTokensAsync(context.ForceRefresh, cancellationToken))?.IdToken;
}
