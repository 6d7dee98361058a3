using System.Net;

namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoErrorsTests
{
    [Test]
    public void InPlainWords_CognitoError_SaysWhatTheUserWasDoingAndKeepsCodeAndStatus()
    {
        var cognito = CognitoErrors.Create("InitiateAuth", HttpStatusCode.BadRequest, "ResourceNotFoundException", "User pool client abc does not exist.");

        var described = (CognitoServiceException)CognitoErrors.InPlainWords(cognito, "refreshing the session", CognitoErrors.UserPoolKeys)!;

        Assert.Multiple(() =>
        {
            Assert.That(described.Message, Does.StartWith("Refreshing the session failed: Cognito InitiateAuth failed with ResourceNotFoundException (HTTP 400): User pool client abc does not exist."));
            Assert.That(described.Message, Does.Contain("Configuration to check: the user-pool settings").And.Contain("AppClientId"));
            Assert.That(described.ErrorCode, Is.EqualTo("ResourceNotFoundException"));
            Assert.That(described.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(described.InnerException, Is.SameAs(cognito));
        });
    }

    [Test]
    public async Task InPlainWords_TransportFailure_KeepsTheTypeAndErrorAndNamesOperationAndHost()
    {
        using var handler = new ThrowingHandler(new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known (cognito-idp.xx-nowhere-1.amazonaws.com:443)"));
        using var http = new HttpClient(handler);
        var client = new CognitoIdentityProviderClient(http, new Uri("https://cognito-idp.xx-nowhere-1.amazonaws.com/"));
        HttpRequestException? transport = null;
        try
        {
            await client.GlobalSignOutAsync("access-token", default);
        }
        catch (HttpRequestException ex)
        {
            transport = ex;
        }

        var described = (HttpRequestException)CognitoErrors.InPlainWords(transport!, "sign-in", CognitoErrors.UserPoolKeys)!;

        Assert.Multiple(() =>
        {
            Assert.That(transport!.Message, Does.StartWith("Cognito GlobalSignOut could not reach cognito-idp.xx-nowhere-1.amazonaws.com (NameResolutionError)"));
            Assert.That(described.Message, Does.StartWith("Sign-in failed: Cognito GlobalSignOut could not reach"));
            Assert.That(described.HttpRequestError, Is.EqualTo(HttpRequestError.NameResolutionError));
            Assert.That(described.Message, Does.Not.Contain("access-token"));
        });
    }

    [Test]
    public void InPlainWords_OtherException_Null() =>
        Assert.That(CognitoErrors.InPlainWords(new InvalidOperationException("x"), "sign-in", CognitoErrors.UserPoolKeys), Is.Null);

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromException<HttpResponseMessage>(exception);
    }
}
