using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Cli;

/// <summary>
/// The library, set up from one configuration file the way an app would: <c>AddAmplifyRestApi(path)</c>, the AWS SDK
/// chain for AWS_IAM endpoints without other credentials, OIDC / Lambda tokens from <c>AMPLIFY_TOKEN</c> or the
/// signed-in user's ID token, the session in an owner-only token file, and a wire tap under every endpoint.
/// Only the library's public API is used.
/// </summary>
internal sealed class CliServices : IAsyncDisposable
{
    public const string TokenVariable = "AMPLIFY_TOKEN";

    private readonly ServiceProvider _provider;

    private CliServices(ServiceProvider provider, string configPath, AmplifyRestApiOptions options, AmplifyFileTokenStore? tokenStore, WireLog wire)
    {
        _provider = provider;
        ConfigPath = configPath;
        Options = options;
        TokenStore = tokenStore;
        Wire = wire;
    }

    public string ConfigPath { get; }

    public AmplifyRestApiOptions Options { get; }

    public AmplifyFileTokenStore? TokenStore { get; }

    public WireLog Wire { get; }

    public IAmplifyRestApi RestApi => _provider.GetRequiredService<IAmplifyRestApi>();

    public IAmplifyAuth Auth => _provider.GetRequiredService<IAmplifyAuth>();

    /// <summary>Reads and validates <paramref name="configPath"/> as the library does.</summary>
    /// <exception cref="AmplifyConfigurationException">The configuration is invalid; <c>Problems</c> lists every problem.</exception>
    public static AmplifyRestApiOptions LoadOptions(string configPath, CliConsole console)
    {
        var services = new ServiceCollection();
        Register(services, configPath, new CliTokenSource(console), tokenStore: null, wire: null, endpointNames: []);
        using var provider = services.BuildServiceProvider();
        try
        {
            return provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            throw new AmplifyConfigurationException([.. ex.Failures], ex);
        }
    }

    public static CliServices Create(string configPath, CliConsole console, WireLog wire)
    {
        var options = LoadOptions(configPath, console);
        var tokenStore = options.Auth.UserPool?.PoolId is { Length: > 0 } poolId
            ? new AmplifyFileTokenStore(TokenFiles.PathFor(console, configPath, poolId))
            : null;
        var services = new ServiceCollection();
        var tokens = new CliTokenSource(console);
        Register(services, configPath, tokens, tokenStore, wire, options.Endpoints.Keys);
        var provider = services.BuildServiceProvider();
        tokens.Auth = provider.GetRequiredService<IAmplifyAuth>();
        return new CliServices(provider, configPath, options, tokenStore, wire);
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    private static void Register(IServiceCollection services, string configPath, CliTokenSource tokens, AmplifyFileTokenStore? tokenStore, WireLog? wire, IEnumerable<string> endpointNames)
    {
        services.AddSingleton(tokens);
        var builder = services.AddAmplifyRestApi(configPath)
            .UseAwsSdkCredentials()
            .AddOidcTokenProvider<CliOidcTokenProvider>()
            .AddFunctionTokenProvider(tokens.GetTokenAsync);
        if (tokenStore is not null)
        {
            builder.UseTokenStore(tokenStore);
        }

        if (wire is null)
        {
            return;
        }

        foreach (var name in endpointNames)
        {
            builder.Endpoint(name).ConfigurePrimaryHttpMessageHandler(() => new WireTapHandler(wire)
            {
                // Never follow a redirect: it would replay the request's key, token or signature elsewhere.
                InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false },
            });
        }
    }
}
