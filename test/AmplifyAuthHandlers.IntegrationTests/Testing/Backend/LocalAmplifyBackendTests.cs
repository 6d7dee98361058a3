using System.Text.Json;
using AmplifyAuthHandlers.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.IntegrationTests.Testing.Backend;

/// <summary>The backend's own contract: users, options, the JSON description and what never prints a secret.</summary>
[TestFixture]
public sealed class LocalAmplifyBackendTests
{
    [Test]
    public async Task StartAsync_Defaults_HasADemoUserAKeyAndSixApisOnLoopback()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync();

        Assert.That(backend.Users.Select(u => u.Username), Is.EqualTo(new[] { LocalAmplifyBackend.DemoUsername }));
        Assert.That(backend.Users[0].Password, Has.Length.GreaterThanOrEqualTo(8));
        Assert.That(backend.Users[0].Sub, Is.Not.Null.And.Not.Empty);
        Assert.That(backend.ApiKey, Is.Not.Empty);
        Assert.That(backend.Region, Is.EqualTo("us-east-1"));
        Assert.That(backend.Apis.Keys, Is.EquivalentTo(LocalAmplifyEndpointNames.ByAuthorizationType.Select(p => p.Key)));
        Assert.That(backend.Apis.Values.Select(u => u.Host).Append(backend.Cognito.BaseAddress.Host), Is.All.EqualTo("127.0.0.1"));
        Assert.That(backend.Apis["AWS_IAM"].AbsolutePath, Is.EqualTo("/aws-iam/dev"));
    }

    [Test]
    public async Task StartAsync_TwoBackends_GenerateDifferentPasswordsAndKeys()
    {
        await using var first = await LocalAmplifyBackend.StartAsync();
        await using var second = await LocalAmplifyBackend.StartAsync();

        Assert.That(second.Users[0].Password, Is.Not.EqualTo(first.Users[0].Password));
        Assert.That(second.ApiKey, Is.Not.EqualTo(first.ApiKey));
    }

    [Test]
    public async Task StartAsync_OptionsWithUsersKeyRegionAndStage_UsesThem()
    {
        var options = new LocalAmplifyBackendOptions { Region = "eu-west-1", Stage = "prod", ApiKey = "fixed-key-0123456789" };
        options.Users.Add(new LocalAmplifyUser("alice", "Alice-Passw0rd"));
        options.Users.Add(new LocalAmplifyUser("bob", "Bob-Passw0rd!"));

        await using var backend = await LocalAmplifyBackend.StartAsync(options);

        Assert.That(backend.Users.Select(u => u.Username), Is.EqualTo(new[] { "alice", "bob" }));
        Assert.That(backend.Users.Select(u => u.Sub).Distinct().Count(), Is.EqualTo(2));
        Assert.That(backend.ApiKey, Is.EqualTo("fixed-key-0123456789"));
        Assert.That(backend.Cognito.UserPoolId, Does.StartWith("eu-west-1_"));
        Assert.That(backend.Gateway.Region, Is.EqualTo("eu-west-1"));
        Assert.That(backend.Apis["NONE"].AbsolutePath, Is.EqualTo("/none/prod"));
    }

    [Test]
    public void StartAsync_ShortPassword_ThrowsWithoutThePassword()
    {
        var options = new LocalAmplifyBackendOptions();
        options.Users.Add(new LocalAmplifyUser("alice", "short"));

        var error = Assert.ThrowsAsync<ArgumentException>(() => LocalAmplifyBackend.StartAsync(options));

        Assert.That(error!.Message, Does.Contain("alice").And.Not.Contain("short"));
    }

    [Test]
    public void ToString_User_OmitsThePassword()
    {
        var user = new LocalAmplifyUser("alice", "Sup3r-secret-pw") { Sub = "sub-1" };

        Assert.That(user.ToString(), Is.EqualTo("LocalAmplifyUser { Username = alice, Sub = sub-1 }"));
    }

    [Test]
    public async Task DescribeJson_AfterWritingBothFiles_IsOneLineWithEveryField()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync();
        var directory = Directory.CreateTempSubdirectory("amplify-backend-");
        try
        {
            var gen1 = backend.WriteAmplifyConfiguration(Path.Combine(directory.FullName, "a", "amplifyconfiguration.json"));
            var gen2 = backend.WriteAmplifyOutputs(Path.Combine(directory.FullName, "amplify_outputs.json"));

            var line = backend.DescribeJson();

            Assert.That(line, Does.Not.Contain('\n'));
            var json = JsonDocument.Parse(line).RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(json.GetProperty("region").GetString(), Is.EqualTo(backend.Region));
                Assert.That(json.GetProperty("userPoolId").GetString(), Is.EqualTo(backend.Cognito.UserPoolId));
                Assert.That(json.GetProperty("appClientId").GetString(), Is.EqualTo(backend.Cognito.DefaultClient.ClientId));
                Assert.That(json.GetProperty("identityPoolId").GetString(), Is.EqualTo(backend.Cognito.IdentityPoolId));
                Assert.That(json.GetProperty("cognitoIdentityProvider").GetString(), Is.EqualTo(backend.Cognito.CognitoIdentityProviderUrl.ToString()));
                Assert.That(json.GetProperty("cognitoIdentity").GetString(), Is.EqualTo(backend.Cognito.CognitoIdentityUrl.ToString()));
                Assert.That(json.GetProperty("apiKey").GetString(), Is.EqualTo(backend.ApiKey));
                Assert.That(json.GetProperty("users")[0].GetProperty("username").GetString(), Is.EqualTo("demo"));
                Assert.That(json.GetProperty("users")[0].GetProperty("password").GetString(), Is.EqualTo(backend.Users[0].Password));
                Assert.That(json.GetProperty("apis").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()),
                    Is.EquivalentTo(backend.Apis.ToDictionary(p => p.Key, p => (string?)p.Value.ToString())));
                Assert.That(json.GetProperty("endpointNames").GetProperty("AWS_IAM").GetString(), Is.EqualTo(LocalAmplifyEndpointNames.Iam));
                Assert.That(json.GetProperty("amplifyconfiguration").GetString(), Is.EqualTo(gen1));
                Assert.That(json.GetProperty("amplifyOutputs").GetString(), Is.EqualTo(gen2));
                Assert.That(File.Exists(gen1) && File.Exists(gen2), Is.True);
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public async Task DescribeJson_NoFilesWritten_HasNullPaths()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync();

        var json = JsonDocument.Parse(backend.DescribeJson()).RootElement;

        Assert.That(json.GetProperty("amplifyconfiguration").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json.GetProperty("amplifyOutputs").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task WriteAmplifyConfiguration_UnknownAuthorizationType_ThrowsNamingIt()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => backend.WriteAmplifyConfiguration(Path.Combine(Path.GetTempPath(), "never-written.json"), ["AWS_IAM", "COGNITO"]));

        Assert.That(error!.Message, Does.Contain("'COGNITO'"));
        Assert.That(backend.AmplifyConfigurationPath, Is.Null);
    }

    [Test]
    public async Task WriteAmplifyOutputs_OnlyApiKey_WritesOneEndpoint()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync();
        var path = backend.WriteAmplifyOutputs(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.json"), ["api_key"]);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        File.Delete(path);

        Assert.That(json.RootElement.GetProperty("rest_api").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { LocalAmplifyEndpointNames.ApiKey }));
        Assert.That(backend.AmplifyOutputsPath, Is.EqualTo(path), "the written file's full path is kept");
        Assert.That(Path.IsPathFullyQualified(path), Is.True);
        Assert.That(backend.AmplifyConfigurationPath, Is.Null, "only the Gen2 file was written");
    }

    /// <summary>docs/testing.md's example, line for line (with today's namespaces): a user's service behind an AWS_IAM API.</summary>
    [Test]
    public async Task DocsExample_OrdersServiceAgainstTheBackend_SendsTheSignedInUsersCredentials()
    {
        await using var backend = await LocalAmplifyBackend.StartAsync(new LocalAmplifyBackendOptions
        {
            Handler = (context, call) => context.Response.WriteAsJsonAsync(new { id = call.Path[1..], role = call.Role }),
        });
        var path = backend.WriteAmplifyConfiguration(Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{Guid.NewGuid():N}.json"), ["AWS_IAM"]);
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(path);
        services.AddSingleton<OrdersService>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IAmplifyAuth>().SignInAsync(backend.Users[0].Username, backend.Users[0].Password);

        var order = await provider.GetRequiredService<OrdersService>().GetAsync("42");

        Assert.That(order, Is.EqualTo("""{"id":"42","role":"authenticated"}"""));
        Assert.That(backend.Gateway.Requests[^1].Role, Is.EqualTo("authenticated"));
        File.Delete(path);
    }

    private sealed class OrdersService(IHttpClientFactory clients)
    {
        public Task<string> GetAsync(string id) => clients.CreateClient(LocalAmplifyEndpointNames.Iam).GetStringAsync(new Uri(id, UriKind.Relative));
    }
}
