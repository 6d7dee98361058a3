
namespace AmplifyAuthHandlers.Cli;

/// <summary>The OPENID_CONNECT token provider: the same token as <see cref="CliTokenSource"/>.</summary>
internal sealed class CliOidcTokenProvider(CliTokenSource source) : IAmplifyTokenProvider
{
    public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) => source.GetTokenAsync(cancellationToken);
}
