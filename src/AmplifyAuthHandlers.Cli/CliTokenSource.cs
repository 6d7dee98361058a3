
namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// The token amplify-rest sends to OPENID_CONNECT and AWS_LAMBDA endpoints: <c>AMPLIFY_TOKEN</c> when set, else the
/// signed-in user-pool user's ID token (a common setup: an OIDC or Lambda authorizer trusting the user pool).
/// </summary>
internal sealed class CliTokenSource(CliConsole console)
{
    /// <summary>Gets or sets the session, set once the container is built.</summary>
    public IAmplifyAuth? Auth { get; set; }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (console.GetEnvironmentVariable(CliServices.TokenVariable) is { } token)
        {
            return token;
        }

        if (Auth is null)
        {
            return null;
        }

        var session = await Auth.FetchSessionAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return session.UserPoolTokens?.IdToken;
    }
}
