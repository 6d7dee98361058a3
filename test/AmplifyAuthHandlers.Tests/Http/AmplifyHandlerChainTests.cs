using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>The one list of handlers per authorizationType, outermost first, as GUIDE.md draws it.</summary>
[TestFixture]
public sealed class AmplifyHandlerChainTests
{
    private const string Stage = "https://abc123.execute-api.us-west-2.amazonaws.com/dev";

    [TestCase(AmplifyAuthorizationType.None, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler" })]
    [TestCase(AmplifyAuthorizationType.ApiKey, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler" })]
    [TestCase(AmplifyAuthorizationType.AwsIam, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler", "CredentialsHandler", "SigV4SigningHandler" })]
    [TestCase(AmplifyAuthorizationType.AmazonCognitoUserPools, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler", "TokenHandler" })]
    [TestCase(AmplifyAuthorizationType.OpenIdConnect, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler", "TokenHandler" })]
    [TestCase(AmplifyAuthorizationType.AwsLambda, new[] { "EndpointRequestHandler", "EndpointResilienceHandler", "CustomHeadersHandler", "ApiKeyHandler", "TokenHandler" })]
    public void Create_EachAuthorizationType_ListsItsHandlersOutermostFirst(AmplifyAuthorizationType type, string[] expected)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(options =>
        {
            var endpoint = options.AddEndpoint("e", new Uri(Stage), type);
            endpoint.ApiKey = "k";
            options.Credentials.AccessKeyId = "AKIDEXAMPLE";
            options.Credentials.SecretAccessKey = "secret";
        }).AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("token")).AddOidcTokenProvider<StaticTokenProvider>();
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var catalog = provider.GetRequiredService<AmplifyEndpointCatalog>();

        var handlers = provider.GetRequiredService<AmplifyHandlerChain>().Create(catalog.Get("e"));

        Assert.That(handlers.Select(h => h.GetType().Name), Is.EqualTo(expected));
    }

    [Test]
    public void Create_UndefinedAuthorizationType_RefusesInsteadOfAnEmptyChain()
    {
        var endpoint = new AmplifyEndpoint("e", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = (AmplifyAuthorizationType)99 });
        using var provider = new ServiceCollection().BuildServiceProvider();

        var ex = Assert.Throws<AmplifyConfigurationException>(() => new AmplifyHandlerChain(provider).Create(endpoint));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'e'").And.Contain("99"));
    }

    [Test]
    public void Create_AwsIamEndpointWithoutRegion_RefusesNamingTheEndpointAndTheRegion()
    {
        using var provider = Provider(options =>
        {
            options.AddEndpoint("e", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            options.Credentials.AccessKeyId = "AKIDEXAMPLE";
            options.Credentials.SecretAccessKey = "secret";
        });
        var regionless = new AmplifyEndpoint("e", new AmplifyRestEndpointOptions { Endpoint = new Uri("https://127.0.0.1:9/dev"), AuthorizationType = AmplifyAuthorizationType.AwsIam });

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<AmplifyHandlerChain>().Create(regionless));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'e': authorizationType AWS_IAM needs a region."));
    }

    [Test]
    public void Create_OidcEndpointWithoutTokenProvider_RefusesNamingTheModeAndEndpoint()
    {
        using var provider = Provider(options => options.AddEndpoint("plain", new Uri(Stage), AmplifyAuthorizationType.None));
        var oidc = new AmplifyEndpoint("search", new AmplifyRestEndpointOptions { Endpoint = new Uri(Stage), AuthorizationType = AmplifyAuthorizationType.OpenIdConnect });

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<AmplifyHandlerChain>().Create(oidc));

        Assert.That(ex!.Message, Does.Contain("OPENID_CONNECT endpoint 'search' has no token provider."));
    }

    [Test]
    public void Create_TokenProviderFactoryReturnsNull_RefusesNamingTheEndpointAndTheRegistration()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(options => options.AddEndpoint("fn", new Uri(Stage), AmplifyAuthorizationType.AwsLambda));
        AmplifyTokenServices.AddProvider(services, new AmplifyTokenProviderRegistration(AmplifyAuthorizationType.AwsLambda, "fn", AmplifyTokenProviderPrecedence.Endpoint, "a factory that returns null", _ => null!));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<AmplifyHandlerChain>().Create(provider.GetRequiredService<AmplifyEndpointCatalog>().Get("fn")));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'fn': a factory that returns null produced no token provider."));
    }

    private static ServiceProvider Provider(Action<AmplifyRestApiOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configure);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private sealed class StaticTokenProvider : IAmplifyTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>("oidc");
    }
}
