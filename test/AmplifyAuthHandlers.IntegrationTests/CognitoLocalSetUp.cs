namespace AmplifyAuthHandlers.IntegrationTests;

/// <summary>Stops the shared cognito-local (if any fixture started it) when the whole run ends.</summary>
[SetUpFixture]
public sealed class CognitoLocalSetUp
{
    [OneTimeTearDown]
    public async Task OneTimeTearDown() => await CognitoLocalServer.StopSharedAsync();
}
