using AmplifyAuthHandlers.Testing;
using Samples.TypedClients;

namespace AmplifyAuthHandlers.IntegrationTests.Samples;

/// <summary>samples/TypedClients run as <c>dotnet run</c> runs it: with the in-process emulator, or with a configuration file.</summary>
[TestFixture]
public sealed class TypedClientsSampleTests
{
    private SampleArgs _args = null!;

    [SetUp]
    public void SetUp() => _args = new SampleArgs();

    [TearDown]
    public void TearDown() => _args.Dispose();

    [Test]
    public async Task RunAsync_NoConfigurationFile_TypedAndRefitClientsGet2xxAsTheSignedInUser()
    {
        using var output = new StringWriter();

        var calls = await TypedClientsSample.RunAsync(_args.For("--Amplify:ConfigurationFile="), output, CancellationToken.None);

        Assert.That(output.ToString(), Does.Contain("Started the local Amplify emulator"));
        Assert.That(calls.Select(c => (c.Client, c.StatusCode)), Is.EqualTo(new[] { ("OrdersClient", 200), ("IInvoicesApi", 200) }));
        var orders = EchoAnswer.Parse(calls[0].Body);
        var invoices = EchoAnswer.Parse(calls[1].Body);
        Assert.Multiple(() =>
        {
            Assert.That(orders.AuthorizationType, Is.EqualTo("AWS_IAM"));
            Assert.That(orders.Role, Is.EqualTo("authenticated"));
            Assert.That(orders.Principal, Does.StartWith("us-east-1:"), "an identity of the emulator's identity pool");
            Assert.That(orders.Path, Is.EqualTo("/orders"), "the typed client's relative path, inside the stage");
            Assert.That(invoices.AuthorizationType, Is.EqualTo("AMAZON_COGNITO_USER_POOLS"));
            Assert.That(invoices.Role, Is.EqualTo("access"));
            Assert.That(invoices.Principal, Is.Not.Null.And.Not.Empty);
            Assert.That(invoices.Path, Is.EqualTo("/invoices"), "Refit's '/invoices', put back inside the stage");
        });
    }

    [Test]
    public async Task RunAsync_ConfigurationFileSet_BothClientsCallThatAppAsItsUser()
    {
        const string Password = "Bob-Passw0rd!";
        await using var backend = await LocalAmplifyBackend.StartAsync(new LocalAmplifyBackendOptions { Users = { new LocalAmplifyUser("bob", Password) } });
        var file = backend.WriteAmplifyConfiguration(Path.Combine(Path.GetTempPath(), $"amplify-typed-test-{Guid.NewGuid():N}.json"), ["AWS_IAM", "AMAZON_COGNITO_USER_POOLS"]);
        using var output = new StringWriter();
        try
        {
            var calls = await TypedClientsSample.RunAsync(
                _args.For($"--Amplify:ConfigurationFile={file}", "--Sample:Username=bob", $"--Sample:Password={Password}"),
                output,
                CancellationToken.None);

            Assert.That(output.ToString(), Does.Contain("Using the Amplify configuration").And.Not.Contain(Password));
            Assert.That(calls.Select(c => c.StatusCode), Is.EqualTo(new[] { 200, 200 }));
            Assert.That(EchoAnswer.Parse(calls[1].Body).Principal, Is.EqualTo(backend.Users[0].Sub), "bob signed in at this app's user pool");
            Assert.That(backend.Gateway.Requests.Select(r => (r.AuthorizationType, r.StatusCode)), Is.EqualTo(new[]
            {
                ((string?)"AWS_IAM", 200),
                ("AMAZON_COGNITO_USER_POOLS", 200),
            }));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
