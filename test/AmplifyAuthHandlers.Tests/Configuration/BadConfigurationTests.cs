using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>
/// Bad configuration files, each through a real ServiceCollection: options validation fails with the
/// documented message (docs/configuration.md), and IAmplifyRestApi turns it into AmplifyConfigurationException.
/// No other exception type may escape.
/// </summary>
[TestFixture]
public sealed class BadConfigurationTests
{
    private const string Ok = "https://abc.execute-api.us-west-2.amazonaws.com/dev";

    private static string Api(string endpointBody) => $$"""{ "awsAPIPlugin": { "a": {{endpointBody}} } }""";

    public static IEnumerable<TestCaseData> BadFiles()
    {
        TestCaseData Case(string name, string json, string expected) => new TestCaseData(json, expected).SetName($"Validate_BadFile_{name}");

        yield return Case("Empty", "", "is empty");
        yield return Case("Whitespace", "  \n\t ", "is empty");
        yield return Case("OpenBrace", "{", "is not valid JSON: line 1");
        yield return Case("Truncated", "{\n\"awsAPIPlugin\": { \"a\": { \"endpoint\": \"https://x", "is not valid JSON: line 2");
        yield return Case("TrailingComma", """{ "awsAPIPlugin": { "a": { "endpoint": "https://x.example.com/", } } }""", "is not valid JSON");
        yield return Case("RootArray", "[]", "expected a JSON object at $, found an array");
        yield return Case("RootNull", "null", "expected a JSON object at $, found null");
        yield return Case("RootNumber", "42", "found a number");
        yield return Case("RootString", "\"amplify\"", "found a string");
        yield return Case("EmptyObject", "{}", "has no REST endpoints or auth settings");
        yield return Case("PluginNull", """{ "awsAPIPlugin": null }""", "Expected an object at $.awsAPIPlugin, found null");
        yield return Case("PluginArray", """{ "awsAPIPlugin": [] }""", "Expected an object at $.awsAPIPlugin, found an array");
        yield return Case("PluginsString", """{ "api": { "plugins": "awsAPIPlugin" } }""", "Expected an object at $.api.plugins, found a string");
        yield return Case("EndpointNull", Api("null"), "expected an object at $.awsAPIPlugin.a, found null");
        yield return Case("EndpointString", Api("\"https://x\""), "expected an object at $.awsAPIPlugin.a, found a string");
        yield return Case("UriMissing", Api("""{ "authorizationType": "NONE" }"""), "'endpoint' is missing at $.awsAPIPlugin.a.endpoint");
        yield return Case("UriEmpty", Api("""{ "endpoint": "", "authorizationType": "NONE" }"""), "at $.awsAPIPlugin.a.endpoint is not an absolute URI");
        yield return Case("UriNumber", Api("""{ "endpoint": 42, "authorizationType": "NONE" }"""), "Expected a string at $.awsAPIPlugin.a.endpoint, found a number");
        yield return Case("UriPlaceholder", Api("""{ "endpoint": "YOUR-REST-ENDPOINT", "authorizationType": "NONE" }"""), "'YOUR-REST-ENDPOINT' at $.awsAPIPlugin.a.endpoint is not an absolute URI");
        yield return Case("UriFtp", Api("""{ "endpoint": "ftp://files.example.com/x", "authorizationType": "NONE" }"""), "uses the scheme 'ftp'");
        yield return Case("UriPlainHttp", Api("""{ "endpoint": "http://api.example.com/dev", "authorizationType": "NONE" }"""), "http:// to a host that is not loopback");
        yield return Case("UriWithQuery", Api("""{ "endpoint": "https://api.example.com/dev?x=1", "authorizationType": "NONE" }"""), "has a query or fragment");
        yield return Case("UnknownMode", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": "AWS_IAMX" }"""), "unknown authorizationType 'AWS_IAMX' at $.awsAPIPlugin.a.authorizationType");
        yield return Case("EmptyMode", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": "" }"""), "unknown authorizationType '' at $.awsAPIPlugin.a.authorizationType");
        yield return Case("BooleanMode", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": true }"""), "Expected a string at $.awsAPIPlugin.a.authorizationType, found a boolean");
        yield return Case("ApiKeyMissing", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": "API_KEY" }"""), "API_KEY needs 'apiKey' at $.awsAPIPlugin.a.apiKey");
        yield return Case("ApiKeyNull", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": "API_KEY", "apiKey": null }"""), "API_KEY needs 'apiKey' at $.awsAPIPlugin.a.apiKey");
        yield return Case("ApiKeyEmpty", Api($$"""{ "endpoint": "{{Ok}}", "authorizationType": "API_KEY", "apiKey": "" }"""), "API_KEY needs 'apiKey' at $.awsAPIPlugin.a.apiKey");
        yield return Case("IamWithoutRegion", Api("""{ "endpoint": "https://api.example.com/dev", "authorizationType": "AWS_IAM" }"""), "AWS_IAM needs 'region' at $.awsAPIPlugin.a.region");
        yield return Case("BadRegion", Api($$"""{ "endpoint": "{{Ok}}", "region": "Oregon", "authorizationType": "NONE" }"""), "'Oregon' at $.awsAPIPlugin.a.region is not an AWS region name");
        yield return Case("UnknownEndpointType", Api($$"""{ "endpointType": "WebSocket", "endpoint": "{{Ok}}", "authorizationType": "NONE" }"""), "unknown endpointType 'WebSocket' at $.awsAPIPlugin.a.endpointType");
        yield return Case("Gen2UnknownMode", """{ "version": "1", "rest_api": { "a": { "url": "https://x.example.com/p", "authorization_type": "MAGIC" } } }""", "unknown authorizationType 'MAGIC' at $.rest_api.a.authorization_type");
        yield return Case("Gen2UrlMissing", """{ "version": "1", "rest_api": { "a": { "authorization_type": "NONE" } } }""", "'endpoint' is missing at $.rest_api.a.url");
        yield return Case("Gen2RestApiArray", """{ "version": "1", "rest_api": [] }""", "Expected an object at $.rest_api, found an array");
        yield return Case("DeepNesting", new string('[', 200) + new string(']', 200), "is not valid JSON");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void Validate_BadFile_FailsAtStartWithDocumentedMessage(string json, string expectedFragment)
    {
        using var file = new TempFile("amplifyconfiguration.json", json);
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var validation = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value);
        Assert.That(validation!.Message, Does.Contain(expectedFragment));

        var api = provider.GetRequiredService<IAmplifyRestApi>();
        var configuration = Assert.ThrowsAsync<AmplifyConfigurationException>(() => api.GetAsync("a", "/items"));
        Assert.That(configuration!.Problems, Has.Some.Contains(expectedFragment));
    }

    [Test]
    public void Validate_FileNotFound_NamesTheFullPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid().ToString("N"), "amplifyconfiguration.json");
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(missing);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain($"file not found: '{missing}'"));
    }

    [Test]
    public void Validate_HugeFile_IsRefusedBeforeParsing()
    {
        using var file = new TempFile("amplifyconfiguration.json", null);
        using (var stream = File.Create(file.Path))
        {
            stream.SetLength(AmplifyJsonConfigurationReader.MaxFileBytes + 1);
        }

        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("bytes; the limit is"));
    }

    [Test]
    public void Validate_SeveralProblems_AreReportedTogether()
    {
        const string json = """
            { "awsAPIPlugin": {
                "a": { "endpoint": "YOUR-REST-ENDPOINT", "authorizationType": "NONE" },
                "b": { "endpoint": "https://b.example.com/", "authorizationType": "API_KEY" },
                "c": { "endpoint": "https://c.example.com/", "authorizationType": "BASIC" } } }
            """;
        using var file = new TempFile("amplifyconfiguration.json", json);
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.ThrowsAsync<AmplifyConfigurationException>(() => provider.GetRequiredService<IAmplifyRestApi>().GetAsync("b", "/"));

        Assert.That(ex!.Problems, Has.Count.EqualTo(3));
        Assert.That(ex.Problems, Has.One.Contains("Endpoint 'a'").And.One.Contains("Endpoint 'b'").And.One.Contains("Endpoint 'c'"));
    }

    [Test]
    public async Task StartAsync_InvalidConfiguration_FailsTheHostAtStartUp()
    {
        using var file = new TempFile("amplifyconfiguration.json", Api("""{ "endpoint": "http://api.example.com/", "authorizationType": "NONE" }"""));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAmplifyRestApi(file.Path);
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("http:// to a host that is not loopback"));
        await host.StopAsync();
    }
}
