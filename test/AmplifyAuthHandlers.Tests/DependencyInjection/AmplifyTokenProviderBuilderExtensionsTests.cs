using System.Net;
using AmplifyAuthHandlers.Tests.Auth;
using AmplifyAuthHandlers.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

[TestFixture]
public sealed class AmplifyTokenProviderBuilderExtensionsTests
{
    private MockHttpMessageHandler _mockHttp = null!;

    [SetUp]
    public void SetUp()
    {
        _mockHttp = new MockHttpMessageHandler();
        _mockHttp.Fallback.Throw(new InvalidOperationException("No request was expected here."));
    }

    [TearDown]
    public void TearDown() => _mockHttp.Dispose();

    [Test]
    public async Task AddOidcTokenProvider_ForAllEndpoints_SendsItsTokenAndNamesTheEndpoint()
    {
        var tokenProvider = new RecordingTokenProvider();
        _mockHttp.Expect(HttpMethod.Get, "https://oidc.example.com/prod/me").With(r => TokenHandlerTests.AuthorizationOf(r) == "first-token").Respond(HttpStatusCode.OK);
        var services = new ServiceCollection();
        services.AddSingleton(tokenProvider);
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("profile", new Uri("https://oidc.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect));
        builder.AddOidcTokenProvider<RecordingTokenProvider>();
        builder.Endpoint("profile").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("profile").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var context = tokenProvider.Contexts.Single();
        Assert.That((context.EndpointName, context.AuthorizationType, context.ForceRefresh), Is.EqualTo(("profile", AmplifyAuthorizationType.OpenIdConnect, false)));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddOidcTokenProvider_Unauthorized_AsksAgainWithForceRefreshAndRetries()
    {
        var tokenProvider = new RecordingTokenProvider();
        _mockHttp.Expect(HttpMethod.Get, "https://oidc.example.com/prod/me").With(r => TokenHandlerTests.AuthorizationOf(r) == "Bearer first-token").Respond(HttpStatusCode.Unauthorized);
        _mockHttp.Expect(HttpMethod.Get, "https://oidc.example.com/prod/me").With(r => TokenHandlerTests.AuthorizationOf(r) == "Bearer refreshed-token").Respond(HttpStatusCode.OK);
        var services = new ServiceCollection();
        services.AddSingleton(tokenProvider);
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("profile", new Uri("https://oidc.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect).BearerPrefix = true);
        builder.AddOidcTokenProvider<RecordingTokenProvider>("profile");
        builder.Endpoint("profile").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        using var response = await provider.GetRequiredService<IHttpClientFactory>().CreateClient("profile").GetAsync(new Uri("me", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(tokenProvider.Contexts.Select(c => c.ForceRefresh), Is.EqualTo(new[] { false, true }));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddOidcTokenProvider_PerEndpointRegisteredBeforeForAll_PerEndpointWins()
    {
        _mockHttp.Expect(HttpMethod.Get, "https://a.example.com/prod/x").With(r => TokenHandlerTests.AuthorizationOf(r) == "other-a").Respond(HttpStatusCode.OK);
        _mockHttp.Expect(HttpMethod.Get, "https://b.example.com/prod/x").With(r => TokenHandlerTests.AuthorizationOf(r) == "first-token").Respond(HttpStatusCode.OK);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(options =>
        {
            options.AddEndpoint("a", new Uri("https://a.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect);
            options.AddEndpoint("b", new Uri("https://b.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect);
        });
        builder.AddOidcTokenProvider<OtherRecordingTokenProvider>("a");
        builder.AddOidcTokenProvider<RecordingTokenProvider>();
        builder.Endpoint("a").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        builder.Endpoint("b").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var a = await factory.CreateClient("a").GetAsync(new Uri("x", UriKind.Relative));
        using var b = await factory.CreateClient("b").GetAsync(new Uri("x", UriKind.Relative));

        Assert.That((a.StatusCode, b.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddFunctionTokenProvider_PerEndpointRegisteredAfterForAll_PerEndpointWins()
    {
        _mockHttp.Expect(HttpMethod.Get, "https://a.example.com/prod/x").With(r => TokenHandlerTests.AuthorizationOf(r) == "for-a").Respond(HttpStatusCode.OK);
        _mockHttp.Expect(HttpMethod.Get, "https://b.example.com/prod/x").With(r => TokenHandlerTests.AuthorizationOf(r) == "for-all").Respond(HttpStatusCode.OK);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(options =>
        {
            options.AddEndpoint("a", new Uri("https://a.example.com/prod"), AmplifyAuthorizationType.AwsLambda);
            options.AddEndpoint("b", new Uri("https://b.example.com/prod"), AmplifyAuthorizationType.AwsLambda);
        });
        builder.AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("for-all"));
        builder.AddFunctionTokenProvider("a", _ => ValueTask.FromResult<string?>("for-a"));
        builder.Endpoint("a").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        builder.Endpoint("b").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var factory = provider.GetRequiredService<IHttpClientFactory>();

        using var a = await factory.CreateClient("a").GetAsync(new Uri("x", UriKind.Relative));
        using var b = await factory.CreateClient("b").GetAsync(new Uri("x", UriKind.Relative));

        Assert.That((a.StatusCode, b.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void AddFunctionTokenProvider_ReturnsNull_ThrowsAuthExceptionBeforeSending()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("fn", new Uri("https://fn.example.com/prod"), AmplifyAuthorizationType.AwsLambda));
        builder.AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>(null));
        builder.Endpoint("fn").ConfigurePrimaryHttpMessageHandler(() => _mockHttp);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("fn");

        var ex = Assert.ThrowsAsync<AmplifyAuthException>(() => client.GetAsync(new Uri("x", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'fn' (AWS_LAMBDA)").And.Contain("AddFunctionTokenProvider"));
        _mockHttp.VerifyNoOutstandingExpectation();
    }

    [TestCase(AmplifyAuthorizationType.OpenIdConnect, "OPENID_CONNECT endpoint 'x' has no token provider: call AddOidcTokenProvider<T>()")]
    [TestCase(AmplifyAuthorizationType.AwsLambda, "AWS_LAMBDA endpoint 'x' has no token provider: call AddFunctionTokenProvider(...)")]
    public void CreateClient_TokenEndpointWithoutProvider_FailsValidationWithRemedy(AmplifyAuthorizationType type, string expected)
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(options => options.AddEndpoint("x", new Uri("https://x.example.com/prod"), type));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("x"));

        Assert.That(ex!.Problems, Has.Some.StartsWith(expected));
        Assert.That(ex.Problems, Has.None.Contain("not available in this build"));
    }

    [Test]
    public void CreateClient_ProviderForUnknownEndpoint_FailsValidation()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("fn", new Uri("https://fn.example.com/prod"), AmplifyAuthorizationType.AwsLambda));
        builder.AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("t"));
        builder.AddFunctionTokenProvider("fun", _ => ValueTask.FromResult<string?>("t"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("fn"));

        Assert.That(ex!.Problems, Is.EqualTo(new[] { "AddFunctionTokenProvider(\"fun\", ...) names endpoint 'fun', but no endpoint of that name is configured. Configured endpoints: fn." }));
    }

    [Test]
    public void CreateClient_ProviderForEndpointOfAnotherMode_FailsValidation()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("fn", new Uri("https://fn.example.com/prod"), AmplifyAuthorizationType.AwsLambda));
        builder.AddFunctionTokenProvider(_ => ValueTask.FromResult<string?>("t"));
        builder.AddOidcTokenProvider<RecordingTokenProvider>("fn");
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("fn"));

        Assert.That(ex!.Problems, Has.Some.Contain("AddOidcTokenProvider<RecordingTokenProvider>(\"fn\") registers a token provider for OPENID_CONNECT endpoints, but endpoint 'fn' is AWS_LAMBDA"));
    }

    [Test]
    public void AddOidcTokenProvider_ProviderAlreadyScoped_Throws()
    {
        var services = new ServiceCollection();
        services.AddScoped<RecordingTokenProvider>();
        var builder = services.AddAmplifyRestApi(options => options.AddEndpoint("p", new Uri("https://p.example.com/prod"), AmplifyAuthorizationType.OpenIdConnect));

        var ex = Assert.Throws<InvalidOperationException>(() => builder.AddOidcTokenProvider<RecordingTokenProvider>());

        Assert.That(ex!.Message, Does.Contain("scoped").And.Contain("singleton"));
    }
}
