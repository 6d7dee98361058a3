using System.Net;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace AmplifyAuthHandlers.Tests.DependencyInjection;

[TestFixture]
public sealed class AddAmplifyRestApiTests
{
    private const string Stage = AmplifyTestHost.StageEndpoint;

    private static void ApiKeyEndpoint(AmplifyRestApiOptions options) =>
        options.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "key-123";

    [Test]
    public void CreateClient_EndpointName_HasStageBaseAddressWithTrailingSlash()
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);

        var client = host.Client("orders");

        Assert.That(client.BaseAddress, Is.EqualTo(new Uri(Stage + "/")));
    }

    [TestCase("items")]
    [TestCase("/items")]
    [TestCase("./items")]
    public async Task GetAsync_RelativePath_KeepsTheStage(string path)
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_AbsoluteUriInsideStage_IsLeftAlone()
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);
        host.Mock.Expect(HttpMethod.Get, Stage + "/a/b?x=1").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync(Stage + "/a/b?x=1");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_ApiKeyEndpoint_SendsXApiKey()
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_NoneEndpointWithApiKey_StillSendsTheKey()
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("open", new Uri(Stage), AmplifyAuthorizationType.None).ApiKey = "plan-key");
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "plan-key").Respond(HttpStatusCode.OK);

        using var response = await host.Client("open").GetAsync("items");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task GetAsync_NoneEndpoint_SendsNoAuthHeaders()
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("open", new Uri(Stage), AmplifyAuthorizationType.None));
        HttpRequestMessage? seen = null;
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").With(r => { seen = RequestSnapshot.Of(r); return true; }).Respond(HttpStatusCode.OK);

        using var response = await host.Client("open").GetAsync("items");

        Assert.That(seen!.Headers.Contains("x-api-key"), Is.False);
        Assert.That(seen.Headers.Authorization, Is.Null);
    }

    [Test]
    public async Task GetAsync_CallerSetApiKey_WinsOverEndpointKey()
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "callers-key").Respond(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.Add("x-api-key", "callers-key");

        using var response = await host.Client("orders").SendAsync(request);

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task SendAsync_CustomHeaders_RequestHeaderWinsThenProviderThenStatic()
    {
        using var host = AmplifyTestHost.Create(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None);
            endpoint.Headers["x-static"] = "static";
            endpoint.Headers["x-both"] = "static";
            endpoint.Headers["x-mine"] = "static";
            endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>(
                [new("x-both", "provided"), new("x-dynamic", "provided")]);
        });
        HttpRequestMessage? seen = null;
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").With(r => { seen = RequestSnapshot.Of(r); return true; }).Respond(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "items");
        request.Headers.Add("x-mine", "request");

        using var response = await host.Client("orders").SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(seen!.Headers.GetValues("x-static"), Is.EqualTo(new[] { "static" }));
            Assert.That(seen.Headers.GetValues("x-both"), Is.EqualTo(new[] { "provided" }));
            Assert.That(seen.Headers.GetValues("x-dynamic"), Is.EqualTo(new[] { "provided" }));
            Assert.That(seen.Headers.GetValues("x-mine"), Is.EqualTo(new[] { "request" }));
        });
    }

    [Test]
    public async Task SendAsync_RetriedThroughOuterHandler_CustomHeadersAreReplacedNotDuplicated()
    {
        var calls = 0;
        using var host = AmplifyTestHost.Create(
            o =>
            {
                var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
                endpoint.ApiKey = "key-123";
                endpoint.Resilience.Enabled = false; // only the outer handler's retry, which this test is about
                endpoint.HeaderProvider = (_, _) => ValueTask.FromResult<IEnumerable<KeyValuePair<string, string>>>([new("x-attempt", (++calls).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            },
            (builder, _) => builder.Endpoint("orders").AddHttpMessageHandler(() => new RetryOnceHandler()));
        var seen = new List<(string Attempt, int KeyCount)>();
        host.Mock.When(HttpMethod.Get, Stage + "/items")
            .With(r => { seen.Add((string.Join(",", r.Headers.GetValues("x-attempt")), r.Headers.GetValues("x-api-key").Count())); return true; })
            .Respond(HttpStatusCode.ServiceUnavailable);

        using var response = await host.Client("orders").GetAsync("items");

        Assert.That(seen, Is.EqualTo(new[] { ("1", 1), ("2", 1) }));
    }

    [Test]
    public void SendAsync_OtherOrigin_IsRefusedAndNotSent()
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);

        var ex = Assert.ThrowsAsync<AmplifyCrossOriginRequestException>(() => host.Client("orders").GetAsync("https://evil.example.com/steal"));

        Assert.That(ex!.Message, Does.Contain("https://evil.example.com").And.Contain("'orders'").And.Not.Contain("key-123"));
        Assert.That(ex.RequestOrigin, Is.EqualTo("https://evil.example.com:443").Or.EqualTo("https://evil.example.com"));
    }

    [TestCase("http://abc123.execute-api.us-west-2.amazonaws.com/dev/items")]
    [TestCase("https://abc123.execute-api.us-west-2.amazonaws.com:8443/dev/items")]
    [TestCase("https://other.execute-api.us-west-2.amazonaws.com/dev/items")]
    public void SendAsync_SchemeHostOrPortDiffers_IsRefused(string uri)
    {
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint);

        Assert.ThrowsAsync<AmplifyCrossOriginRequestException>(() => host.Client("orders").GetAsync(uri));
    }

    [Test]
    public async Task SendAsync_OtherOriginAllowed_GoesOutWithoutKeyOrCustomHeaders()
    {
        using var host = AmplifyTestHost.Create(o =>
        {
            ApiKeyEndpoint(o);
            o.Endpoints["orders"].AllowCrossOriginRequests = true;
            o.Endpoints["orders"].Headers["x-tenant"] = "t1";
        });
        HttpRequestMessage? seen = null;
        host.Mock.Expect(HttpMethod.Get, "https://cdn.example.com/file").With(r => { seen = r; return true; }).Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("https://cdn.example.com/file");

        Assert.That(seen!.Headers.Contains("x-api-key"), Is.False);
        Assert.That(seen.Headers.Contains("x-tenant"), Is.False);
    }

    [Test]
    public async Task SendAsync_ResentToAnotherOrigin_CarriesNothingTheChainAddedBefore()
    {
        using var host = AmplifyTestHost.Create(
            o =>
            {
                ApiKeyEndpoint(o);
                o.Endpoints["orders"].AllowCrossOriginRequests = true;
                o.Endpoints["orders"].Headers["x-tenant"] = "t1";
            },
            (builder, _) => builder.Endpoint("orders").AddHttpMessageHandler(() => new RedirectOnceHandler(new Uri("https://cdn.example.com/moved"))));
        HttpRequestMessage? moved = null;
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.TemporaryRedirect);
        host.Mock.Expect(HttpMethod.Get, "https://cdn.example.com/moved").With(r => { moved = r; return true; }).Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        Assert.That(moved!.Headers.Contains("x-api-key"), Is.False);
        Assert.That(moved.Headers.Contains("x-tenant"), Is.False);
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task CreateClient_UserHandler_SitsOutsideTheAuthHandlers()
    {
        var recorder = new RecordingHandler();
        using var host = AmplifyTestHost.Create(ApiKeyEndpoint, (builder, _) => builder.Endpoint("orders").AddHttpMessageHandler(() => recorder));
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        Assert.That(recorder.Seen, Has.Count.EqualTo(1));
        Assert.That(recorder.Seen[0].ContainsKey("x-api-key"), Is.False, "a user handler must run before (outside) the API-key handler");
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void CreateClient_UserHandlerAndResilience_FinalOrderIsLocked()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(ApiKeyEndpoint);
        using var mock = AmplifyTestHost.NewMock();
        builder.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => mock).AddHttpMessageHandler(() => new RecordingHandler()).AddStandardResilienceHandler();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var names = HandlerPipeline.Names(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler("orders"));

        var recorder = names.IndexOf(nameof(RecordingHandler));
        var resilience = names.FindIndex(n => n.Contains("Resilience", StringComparison.Ordinal));
        var endpoint = names.IndexOf("EndpointRequestHandler");
        var headers = names.IndexOf("CustomHeadersHandler");
        var apiKey = names.IndexOf("ApiKeyHandler");
        Assert.That(new[] { recorder, resilience, endpoint, headers, apiKey }, Is.All.GreaterThanOrEqualTo(0), string.Join(" > ", names));
        Assert.That(recorder, Is.LessThan(resilience));
        Assert.That(resilience, Is.LessThan(endpoint));
        Assert.That(endpoint, Is.LessThan(headers));
        Assert.That(headers, Is.LessThan(apiKey));
        Assert.That(names[^1], Is.EqualTo(mock.GetType().Name));
        Assert.That(apiKey, Is.EqualTo(names.Count - 2), "the auth handlers are innermost, inside the factory's logging: " + string.Join(" > ", names));
    }

    [Test]
    public async Task SendAsync_TraceLoggingOn_NeverLogsTheApiKey()
    {
        var collector = new Microsoft.Extensions.Logging.Testing.FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider(collector)));
        var builder = services.AddAmplifyRestApi(o =>
        {
            ApiKeyEndpoint(o);
            o.Endpoints["orders"].Headers["x-tenant"] = "tenant-secret";
        });
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        var everything = string.Join("\n", collector.GetSnapshot().Select(r => r.Message + " " + string.Join(",", r.StructuredState ?? [])));
        Assert.That(collector.Count, Is.GreaterThan(0), "trace logging should have produced records");
        Assert.That(everything, Does.Not.Contain("key-123").And.Not.Contain("tenant-secret"));
    }

    [Test]
    public void CreateClient_CredentialedEndpoint_TurnsOffAutoRedirect()
    {
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(ApiKeyEndpoint);
        var sockets = new SocketsHttpHandler();
        builder.Endpoint("orders").ConfigurePrimaryHttpMessageHandler(() => sockets);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        Assert.That(sockets.AllowAutoRedirect, Is.False);
    }

    [Test]
    public void CreateClient_UnrelatedClient_GetsNoAmplifyHandlers()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(ApiKeyEndpoint);
        var sockets = new SocketsHttpHandler();
        services.AddHttpClient("github").ConfigurePrimaryHttpMessageHandler(() => sockets);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("github");

        Assert.That(client.BaseAddress, Is.Null);
        Assert.That(sockets.AllowAutoRedirect, Is.True);
    }

    [Test]
    public async Task AddAmplifyAuthorization_TypedClient_GetsBaseAddressAndChain()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(ApiKeyEndpoint);
        using var mock = AmplifyTestHost.NewMock();
        services.AddHttpClient<OrdersClient>().AddAmplifyAuthorization("orders").ConfigurePrimaryHttpMessageHandler(() => mock);
        mock.Expect(HttpMethod.Get, Stage + "/orders/7").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);
        using var provider = services.BuildServiceProvider(validateScopes: true);
        using var scope = provider.CreateScope();

        var client = scope.ServiceProvider.GetRequiredService<OrdersClient>();
        using var response = await client.Http.GetAsync("/orders/7");

        Assert.That(client.Http.BaseAddress, Is.EqualTo(new Uri(Stage + "/")));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void AddAmplifyAuthorization_UnknownEndpoint_FailsValidationNamingBoth()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(ApiKeyEndpoint);
        services.AddHttpClient("mine").AddAmplifyAuthorization("ordres");
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("mine"));

        Assert.That(ex!.Message, Does.Contain("'mine'").And.Contain("'ordres'").And.Contain("orders"));
    }

    [Test]
    public async Task AddAmplifyRestApi_Delegate_RunsOnceToLearnNamesAndAgainForTheOptions()
    {
        var runs = 0;
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            runs++;
            ApiKeyEndpoint(o);
        });
        var runsAtRegistration = runs;
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        Assert.That(runsAtRegistration, Is.EqualTo(1), "the probe that learns the endpoint names");
        Assert.That(runs, Is.EqualTo(2), "and once more when the options are built");
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddAmplifyRestApi_CalledTwice_BothEndpointsWorkAndTheCoreIsRegisteredOnce()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(ApiKeyEndpoint);
        var builder = services.AddAmplifyRestApi(o => o.AddEndpoint("public", new Uri("https://public.example.com/v1"), AmplifyAuthorizationType.None));
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders", "public"]);
        host.Mock.Expect(HttpMethod.Get, Stage + "/a").WithHeaders("x-api-key", "key-123").Respond(HttpStatusCode.OK);
        host.Mock.Expect(HttpMethod.Get, "https://public.example.com/v1/b").With(r => !r.Headers.Contains("x-api-key")).Respond(HttpStatusCode.OK);

        using (await host.Client("orders").GetAsync("a"))
        using (await host.Client("public").GetAsync("b"))
        {
        }

        Assert.That(services.Count(d => d.ServiceType == typeof(IAmplifyRestApi)), Is.EqualTo(1));
        Assert.That(services.Count(d => d.ServiceType == typeof(AmplifyServiceRegistry)), Is.EqualTo(1));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void Builder_ServicesAndEndpoint_AreTheCollectionAndTheEndpointsNamedClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddAmplifyRestApi(ApiKeyEndpoint);
        var endpoint = builder.Endpoint("orders");

        Assert.That(builder.Services, Is.SameAs(services));
        Assert.That(endpoint.Name, Is.EqualTo("orders"));
        Assert.That(Assert.Throws<ArgumentException>(() => builder.Endpoint(" "))!.ParamName, Is.EqualTo("endpointName"));
    }

    [Test]
    public async Task Builder_EndpointHandler_RunsOutsideTheChainOfThatEndpointOnly()
    {
        var recording = new RecordingHandler();
        using var host = AmplifyTestHost.Create(
            o =>
            {
                ApiKeyEndpoint(o);
                o.AddEndpoint("public", new Uri("https://public.example.com/v1"), AmplifyAuthorizationType.None);
            },
            (b, _) => b.Endpoint("orders").AddHttpMessageHandler(() => recording));
        host.Mock.When("*").Respond(HttpStatusCode.OK);

        using (await host.Client("orders").GetAsync("a"))
        using (await host.Client("public").GetAsync("b"))
        {
        }

        Assert.That(recording.Seen, Has.Count.EqualTo(1), "only the 'orders' client has the handler");
        Assert.That(recording.Seen[0].ContainsKey("x-api-key"), Is.False, "it sits outside the auth handlers");
    }

    [Test]
    public void AddAmplifyRestApi_MissingArguments_ThrowNamingTheParameter()
    {
        var services = new ServiceCollection();

        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddAmplifyRestApi(ApiKeyEndpoint))!.ParamName, Is.EqualTo("services"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => services.AddAmplifyRestApi((Action<AmplifyRestApiOptions>)null!))!.ParamName, Is.EqualTo("configure"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => services.AddAmplifyRestApi((IConfiguration)null!))!.ParamName, Is.EqualTo("configuration"));
            Assert.That(Assert.Throws<ArgumentException>(() => services.AddAmplifyRestApi(" "))!.ParamName, Is.EqualTo("configurationFilePath"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddAmplifyRestApi("a.json"))!.ParamName, Is.EqualTo("services"));
            Assert.That(Assert.Throws<ArgumentNullException>(() => ((IHttpClientBuilder)null!).AddAmplifyAuthorization("orders"))!.ParamName, Is.EqualTo("builder"));
            Assert.That(Assert.Throws<ArgumentException>(() => services.AddHttpClient("x").AddAmplifyAuthorization(""))!.ParamName, Is.EqualTo("endpointName"));
        });
    }

    [Test]
    public void CreateClient_ConfigurationWithMangledSecrets_ErrorNamesEachKeyButShowsNoValue()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            var endpoint = o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
            endpoint.ApiKey = "sk-live-SECRET-1\n";
            endpoint.Headers["x-tenant-key"] = "hdr-SECRET-2\r\nx-evil: 1";
            o.Credentials.AccessKeyId = "AKIASECRET3";
            o.Credentials.SecretAccessKey = "wJalrSECRET4\u00e9";
            o.Credentials.SessionToken = "tok-SECRET-5\u0000";
        });
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<AmplifyConfigurationException>(() => provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Problems, Has.Count.EqualTo(4));
            Assert.That(ex.Message, Does.Contain("Endpoint 'orders': 'apiKey'").And.Contain("header 'x-tenant-key'"));
            Assert.That(ex.Message, Does.Contain("Credentials:SecretAccessKey").And.Contain("Credentials:SessionToken").And.Not.Contain("Credentials:AccessKeyId"));
            Assert.That(ex.ToString(), Does.Not.Contain("SECRET"), "neither the message nor the inner validation error echoes a value");
        });
    }

    [Test]
    public async Task AddAmplifyRestApi_ConfigurationSection_RegistersEndpointsFromAppSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
            ["Amplify:Endpoints:orders:ApiKey"] = "from-config",
            ["Amplify:Endpoints:orders:Headers:x-tenant"] = "t9",
        }).Build();
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);
        host.Mock.Expect(HttpMethod.Get, Stage + "/items").WithHeaders("x-api-key", "from-config").WithHeaders("x-tenant", "t9").Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("/items");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddAmplifyRestApi_ConfigurationFile_RegistersEachRestEndpoint()
    {
        using var file = new TempFile("amplifyconfiguration.json", $$"""
            { "api": { "plugins": { "awsAPIPlugin": {
                "a": { "endpointType": "REST", "endpoint": "{{Stage}}", "region": "us-west-2", "authorizationType": "API_KEY", "apiKey": "ka" },
                "b": { "endpointType": "REST", "endpoint": "https://b.example.com/v2", "region": "us-west-2", "authorizationType": "NONE" } } } } }
            """);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(file.Path);
        using var host = AmplifyTestHost.Build(services, builder, null, ["a", "b"]);
        host.Mock.Expect(HttpMethod.Get, Stage + "/x").WithHeaders("x-api-key", "ka").Respond(HttpStatusCode.OK);
        host.Mock.Expect(HttpMethod.Get, "https://b.example.com/v2/y").Respond(HttpStatusCode.OK);

        using var first = await host.Client("a").GetAsync("/x");
        using var second = await host.Client("b").GetAsync("/y");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [TestCase(AmplifyAuthorizationType.AwsIam)]
    [TestCase(AmplifyAuthorizationType.OpenIdConnect)]
    [TestCase(AmplifyAuthorizationType.AwsLambda)]
    public void CreateClient_ModeWithoutCredentialSource_IsRefusedNotSentUnauthenticated(AmplifyAuthorizationType type)
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("x", new Uri(Stage), type));

        var ex = Assert.Throws<AmplifyConfigurationException>(() => host.Client("x"));

        Assert.That(ex!.Message, Does.Contain("endpoint 'x'").IgnoreCase);
    }

    [Test]
    public void SendAsync_UserPoolEndpointWithNobodySignedIn_IsRefusedNotSentUnauthenticated()
    {
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("x", new Uri(Stage), AmplifyAuthorizationType.AmazonCognitoUserPools));

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(() => host.Client("x").GetAsync("/y"));

        Assert.That(ex!.Message, Does.Contain("Endpoint 'x'"));
        host.Mock.VerifyNoOutstandingExpectation();
    }

    /// <summary>Follows one redirect by re-sending the same message from outside the auth handlers.</summary>
    [Test]
    public async Task AddAmplifyRestApi_Gen2OutputsCustomApi_SendsItsApiKeyToItsUrl()
    {
        using var file = new TempFile("amplify_outputs.json", """
            { "version": "1.3",
              "custom": { "API": { "orders": { "endpoint": "https://api.example.com/v1", "region": "eu-west-1", "authorizationType": "API_KEY", "apiKey": "custom-key", "apiName": "orders" } } } }
            """);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(file.Path);
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);
        host.Mock.Expect(HttpMethod.Get, "https://api.example.com/v1/items").WithHeaders("x-api-key", "custom-key").Respond(HttpStatusCode.OK);

        using var response = await host.Provider.GetRequiredService<IAmplifyRestApi>().GetAsync("orders", "/items");

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task AddAmplifyRestApi_Gen2RestApiIamOnCustomDomain_SignsInItsAwsRegion()
    {
        using var file = new TempFile("amplify_outputs.json", """
            { "version": "1.3", "rest_api": { "orders": { "url": "https://api.example.com/v1", "aws_region": "eu-central-1", "authorization_type": "AWS_IAM" } } }
            """);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(file.Path);
        services.Configure<AmplifyRestApiOptions>(o =>
        {
            o.Credentials.AccessKeyId = "AKIDSTATIC";
            o.Credentials.SecretAccessKey = "static-secret";
        });
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);
        var authorization = new List<string>();
        host.Mock.Expect(HttpMethod.Get, "https://api.example.com/v1/items")
            .With(request =>
            {
                authorization.AddRange(request.Headers.TryGetValues("Authorization", out var values) ? values : []);
                return true;
            })
            .Respond(HttpStatusCode.OK);

        using var response = await host.Client("orders").GetAsync("items");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(authorization.Single(), Does.StartWith("AWS4-HMAC-SHA256 Credential=AKIDSTATIC/").And.Contain("/eu-central-1/execute-api/aws4_request"));
    }

    [Test]
    public void AddAmplifyRestApi_Gen1IamOnCustomDomainWithoutRegion_FailsNamingTheEndpointAndItsJsonPath()
    {
        using var file = new TempFile("amplifyconfiguration.json", """
            { "api": { "plugins": { "awsAPIPlugin": { "orders": { "endpointType": "REST", "endpoint": "https://api.example.com/v1", "authorizationType": "AWS_IAM" } } } } }
            """);
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(file.Path);
        services.Configure<AmplifyRestApiOptions>(o =>
        {
            o.Credentials.AccessKeyId = "AKIDSTATIC";
            o.Credentials.SecretAccessKey = "static-secret";
        });
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);

        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => host.Provider.GetRequiredService<IAmplifyRestApi>().GetAsync("orders", "/items"));

        Assert.That(ex!.Problems, Is.EqualTo(new[] { "Endpoint 'orders': authorizationType AWS_IAM needs 'region' at $.api.plugins.awsAPIPlugin.orders.region; it cannot be read from the host 'api.example.com' (only *.execute-api.<region>.amazonaws.com hosts carry it)." }));
    }

    [Test]
    public void AddAmplifyRestApi_SectionReloaded_OptionsAreReadAgainFromScratch()
    {
        var source = new ReloadableConfigurationSource(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = Stage,
            ["Amplify:Endpoints:orders:AuthorizationType"] = "API_KEY",
            ["Amplify:Endpoints:orders:ApiKey"] = "k1",
            ["Amplify:Endpoints:billing:Endpoint"] = "https://billing.example.com/v1",
            ["Amplify:Endpoints:billing:AuthorizationType"] = "NONE",
        });
        var configuration = new ConfigurationBuilder().Add(source).Build();
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);
        var monitor = provider.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<AmplifyRestApiOptions>>();
        Assert.That(monitor.CurrentValue.Endpoints.Keys, Is.EquivalentTo(new[] { "orders", "billing" }));

        source.Replace(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://orders.example.com/v2",
            ["Amplify:Endpoints:orders:AuthorizationType"] = "AWS_IAM",
            ["Amplify:Endpoints:orders:Region"] = "eu-west-1",
            ["Amplify:Endpoints:billing:Endpoint"] = "https://billing.example.com/v2",
            ["Amplify:Endpoints:billing:AuthorizationType"] = "NONE",
            ["Amplify:Endpoints:search:Endpoint"] = "https://search.example.com/",
            ["Amplify:Endpoints:search:AuthorizationType"] = "NONE",
            ["Amplify:Credentials:AccessKeyId"] = "AKIDSTATIC",
            ["Amplify:Credentials:SecretAccessKey"] = "static-secret",
        });

        var current = monitor.CurrentValue;
        Assert.Multiple(() =>
        {
            Assert.That(current.Endpoints.Keys, Is.EquivalentTo(new[] { "orders", "billing", "search" }));
            Assert.That(current.Endpoints["billing"].Endpoint, Is.EqualTo(new Uri("https://billing.example.com/v2")));
            Assert.That(current.Endpoints["orders"].Endpoint, Is.EqualTo(new Uri("https://orders.example.com/v2")));
            Assert.That(current.Endpoints["orders"].AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(current.Endpoints["orders"].Region, Is.EqualTo("eu-west-1"));
            Assert.That(current.Endpoints["orders"].ApiKey, Is.Null);
            Assert.That(current.LoadProblems, Is.Empty);
        });
    }

    private sealed class RedirectOnceHandler(Uri target) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            request.RequestUri = target;
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Re-sends once from outside the auth handlers, as a retry policy would.</summary>
    private sealed class RetryOnceHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            (await base.SendAsync(request, cancellationToken)).Dispose();
            return await base.SendAsync(request, cancellationToken);
        }
    }
}

public sealed class OrdersClient(HttpClient http)
{
    public HttpClient Http { get; } = http;
}
