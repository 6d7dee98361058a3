using AmplifyAuthHandlers.Tests.TestSupport;
using RichardSzalay.MockHttp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>docs/configuration.md: PostConfigure overrides a file's settings, and validation runs after it.</summary>
public sealed class PostConfigureTests
{
    private const string Gen2 = """
        {
          "version": "1.3",
          "auth": { "aws_region": "us-east-1", "user_pool_id": "us-east-1_AbCdEf123", "user_pool_client_id": "client" },
          "rest_api": { "orders": { "url": "https://abc123.execute-api.us-east-1.amazonaws.com/dev", "authorization_type": "AMAZON_COGNITO_USER_POOLS" } }
        }
        """;

    [Test]
    public void PostConfigure_Gen2File_OverridesTokenTypeAndUserPoolEndpoint()
    {
        using var file = new TempFile("amplify_outputs.json", Gen2);
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        services.PostConfigure<AmplifyRestApiOptions>(o =>
        {
            o.Endpoints["orders"].TokenType = AmplifyUserPoolTokenType.Id;
            o.Auth.UserPool!.Endpoint = new Uri("http://127.0.0.1:9229/");
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;

        Assert.That(options.Endpoints["orders"].TokenType, Is.EqualTo(AmplifyUserPoolTokenType.Id));
        Assert.That(options.Auth.UserPool!.Endpoint, Is.EqualTo(new Uri("http://127.0.0.1:9229/")));
    }

    [Test]
    public void PostConfigure_InvalidOverride_FailsValidation()
    {
        using var file = new TempFile("amplify_outputs.json", Gen2);
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        services.PostConfigure<AmplifyRestApiOptions>(o => o.Auth.UserPool!.Endpoint = new Uri("http://cognito.example.com/"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("is not an absolute https:// URI (http:// is allowed only for loopback)"));
    }

    [Test]
    public async Task PostConfigure_EndpointAddedInCode_ItsRequestsCarryItsKey()
    {
        // The chain is looked up per request from the validated catalog, so an endpoint that only PostConfigure adds
        // is authorized like the others: never sent without its key.
        using var file = new TempFile("amplify_outputs.json", Gen2);
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://xyz789.execute-api.us-east-1.amazonaws.com/prod/items")
            .WithHeaders("x-api-key", "added-in-code-key")
            .Respond("application/json", "[]");
        mock.Fallback.Throw(new InvalidOperationException("unexpected request"));
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        services.PostConfigure<AmplifyRestApiOptions>(o =>
            o.AddEndpoint("extra", new Uri("https://xyz789.execute-api.us-east-1.amazonaws.com/prod"), AmplifyAuthorizationType.ApiKey)
                .ApiKey = "added-in-code-key");
        services.AddHttpClient("extra").ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        using var response = await provider.GetRequiredService<IAmplifyRestApi>().GetAsync("extra", "/items");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        mock.VerifyNoOutstandingExpectation();
    }
}
