using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>What the readers decided on the user's behalf is logged at start-up, once.</summary>
[TestFixture]
public sealed class ConfigurationLogTests
{
    [Test]
    public void Value_FileEndpointsWithoutAuthorizationType_LogTheAwsIamDefaultOncePerEndpoint()
    {
        const string json = """
            { "api": { "plugins": { "awsAPIPlugin": {
                "a": { "endpointType": "REST", "endpoint": "https://a.execute-api.us-east-1.amazonaws.com/p" },
                "b": { "endpointType": "REST", "endpoint": "https://b.execute-api.us-east-1.amazonaws.com/p" },
                "c": { "endpointType": "REST", "endpoint": "https://c.execute-api.us-east-1.amazonaws.com/p", "authorizationType": "AWS_IAM" } } } },
              "auth": { "plugins": { "awsCognitoAuthPlugin": { "CredentialsProvider": { "CognitoIdentity": { "Default": { "PoolId": "us-east-1:0000", "Region": "us-east-1" } } } } } } }
            """;
        var logs = new FakeLogCollector();
        using var file = new TempFile("amplifyconfiguration.json", json);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        using (var scope = provider.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AmplifyRestApiOptions>>().Value;
        }

        var records = logs.GetSnapshot().Where(r => r.Id.Id == 1111).ToList();
        Assert.That(records.Select(r => r.Level), Is.All.EqualTo(LogLevel.Information));
        Assert.That(records.Select(r => r.Message), Is.EqualTo(new[]
        {
            $"Endpoint 'a' ($.api.plugins.awsAPIPlugin.a in '{file.Path}') has no authorizationType; its requests are signed with AWS_IAM, as Amplify does by default.",
            $"Endpoint 'b' ($.api.plugins.awsAPIPlugin.b in '{file.Path}') has no authorizationType; its requests are signed with AWS_IAM, as Amplify does by default.",
        }));
    }

    [Test]
    public void Value_SectionEndpointWithoutAuthorizationType_LogsTheAwsIamDefaultOnce()
    {
        var logs = new FakeLogCollector();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Amplify:Endpoints:orders:Endpoint"] = "https://a.execute-api.us-east-1.amazonaws.com/p",
            ["Amplify:Endpoints:public:Endpoint"] = "https://b.execute-api.us-east-1.amazonaws.com/p",
            ["Amplify:Endpoints:public:AuthorizationType"] = "NONE",
            ["Amplify:Credentials:AccessKeyId"] = "AKIDEXAMPLE",
            ["Amplify:Credentials:SecretAccessKey"] = "secret",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(configuration.GetSection("Amplify"));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        using (var scope = provider.CreateScope())
        {
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AmplifyRestApiOptions>>().Value;
        }

        Assert.That(logs.GetSnapshot().Where(r => r.Id.Id == 1111).Select(r => r.Message), Is.EqualTo(new[]
        {
            "Endpoint 'orders' (configuration key 'Amplify:Endpoints:orders') has no authorizationType; its requests are signed with AWS_IAM, as Amplify does by default.",
        }));
    }

    [Test]
    public void Value_GraphQlEndpointsSkipped_LoggedOnceAcrossOptionsBuilds()
    {
        const string json = """{ "awsAPIPlugin": { "g": { "endpointType": "GraphQL", "endpoint": "https://g.appsync-api.us-east-1.amazonaws.com/graphql" } } }""";
        var logs = new FakeLogCollector();
        using var file = new TempFile("amplifyconfiguration.json", json);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddAmplifyRestApi(file.Path);
        using var provider = services.BuildServiceProvider(validateScopes: true);

        _ = provider.GetRequiredService<IOptions<AmplifyRestApiOptions>>().Value;
        for (var i = 0; i < 2; i++)
        {
            using var scope = provider.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<IOptionsSnapshot<AmplifyRestApiOptions>>().Value;
        }

        Assert.That(logs.GetSnapshot().Count(r => r.Id.Id == 1101), Is.EqualTo(1));
    }
}
