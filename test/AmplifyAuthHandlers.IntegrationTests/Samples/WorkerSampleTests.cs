using AmplifyAuthHandlers.Testing;
using Samples.Worker;

namespace AmplifyAuthHandlers.IntegrationTests.Samples;

/// <summary>samples/Worker run as <c>dotnet run</c> runs it: with the in-process emulator, or with a configuration file.</summary>
[TestFixture]
public sealed class WorkerSampleTests
{
    private SampleArgs _args = null!;

    [SetUp]
    public void SetUp() => _args = new SampleArgs();

    [TearDown]
    public void TearDown() => _args.Dispose();

    [Test]
    public async Task RunAsync_NoConfigurationFile_StartsTheEmulatorAndCallsAsGuestThenAsTheSignedInUser()
    {
        using var output = new StringWriter();

        var calls = await WorkerSample.RunAsync(_args.For("--Amplify:ConfigurationFile="), output, CancellationToken.None);

        Assert.That(output.ToString(), Does.Contain("Started the local Amplify emulator"));
        Assert.That(calls.Select(c => (c.Step, c.StatusCode)), Is.EqualTo(new[]
        {
            ("guest AWS_IAM", 200),
            ("signed-in AWS_IAM", 200),
            ("signed-in AMAZON_COGNITO_USER_POOLS", 200),
        }));
        var guest = EchoAnswer.Parse(calls[0].Body);
        var signedIn = EchoAnswer.Parse(calls[1].Body);
        var userPool = EchoAnswer.Parse(calls[2].Body);
        Assert.Multiple(() =>
        {
            Assert.That(guest.AuthorizationType, Is.EqualTo("AWS_IAM"));
            Assert.That(guest.Role, Is.EqualTo("unauthenticated"));
            Assert.That(guest.Principal, Is.EqualTo(calls[0].IdentityId).And.Not.Null, "signed with the guest session's identity");
            Assert.That(signedIn.Role, Is.EqualTo("authenticated"));
            Assert.That(signedIn.Principal, Is.EqualTo(calls[1].IdentityId).And.Not.Null, "signed with the signed-in session's identity");
            Assert.That(signedIn.Principal, Is.Not.EqualTo(guest.Principal), "signing in replaces the guest identity");
            Assert.That(userPool.AuthorizationType, Is.EqualTo("AMAZON_COGNITO_USER_POOLS"));
            Assert.That(userPool.Role, Is.EqualTo("access"), "the user's access token, the library's default");
            Assert.That(userPool.Path, Is.EqualTo("/items"));
        });
    }

    [Test]
    public async Task RunAsync_ConfigurationFileSet_UsesThatAppAndItsUser()
    {
        const string Password = "Alice-Passw0rd!";
        await using var backend = await LocalAmplifyBackend.StartAsync(new LocalAmplifyBackendOptions { Users = { new LocalAmplifyUser("alice", Password) } });
        var file = backend.WriteAmplifyConfiguration(Path.Combine(Path.GetTempPath(), $"amplify-worker-test-{Guid.NewGuid():N}.json"), ["AWS_IAM", "AMAZON_COGNITO_USER_POOLS"]);
        using var output = new StringWriter();
        try
        {
            var calls = await WorkerSample.RunAsync(
                _args.For($"--Amplify:ConfigurationFile={file}", "--Sample:Username=alice", $"--Sample:Password={Password}", "--Sample:Path=/reports"),
                output,
                CancellationToken.None);

            Assert.That(output.ToString(), Does.Contain("Using the Amplify configuration").And.Not.Contain("Started the local Amplify emulator"));
            Assert.That(output.ToString(), Does.Not.Contain(Password));
            Assert.That(calls, Has.Count.EqualTo(3));
            var userPool = EchoAnswer.Parse(calls[2].Body);
            Assert.That(userPool.Principal, Is.EqualTo(backend.Users[0].Sub), "alice signed in at this app's user pool");
            Assert.That(userPool.Path, Is.EqualTo("/reports"));
            Assert.That(EchoAnswer.Parse(calls[1].Body).Role, Is.EqualTo("authenticated"));
            Assert.That(backend.Gateway.Requests, Has.Count.EqualTo(3), "every call reached this app's gateway");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
