
namespace AmplifyAuthHandlers;

/// <summary>Takes a user-pool endpoint's token (access or ID, per the endpoint) from the user-pool session.</summary>
internal sealed class UserPoolEndpointTokenSource(AmplifyEndpoint endpoint, IUserPoolTokenSource session) : IEndpointTokenSource
{
    public string Description => endpoint.TokenType == AmplifyUserPoolTokenType.Id
        ? "the user-pool session's ID token"
        : "the user-pool session's access token";

    public async ValueTask<string?> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        var tokens = await session.GetTokensAsync(forceRefresh, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false)
            ?? throw AmplifyNotSignedInException.ForEndpoint(
                endpoint.Name,
                AmplifyAuthorizationTypeNames.ToWireName(endpoint.AuthorizationType),
                session is CallerUserPoolTokenSource caller
                    ? caller.Remedy()
                    : "Sign a user in first (IAmplifyAuth.SignInAsync), or, in an ASP.NET Core app, forward the caller's token with AddAmplifyCallerTokenForwarding() (then the incoming request must carry 'Authorization: Bearer <token>').");
        return tokens.GetToken(endpoint.TokenType);
    }
}
