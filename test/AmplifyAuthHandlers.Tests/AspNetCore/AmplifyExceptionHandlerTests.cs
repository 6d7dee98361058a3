using System.Net;
using AmplifyAuthHandlers.AspNetCore;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

/// <summary>The exception → problem mapping's extension members and the cases the end-to-end tests don't reach.</summary>
[TestFixture]
public sealed class AmplifyExceptionHandlerTests
{
    [Test]
    public void Map_UpstreamError_CarriesTheEndpointStatusAndErrorType()
    {
        var problem = AmplifyExceptionHandler.Map(AmplifyProblemDetailsServiceCollectionExtensionsTests.Exception("upstream"), requestAborted: false)!;

        Assert.That(problem.Extensions["endpoint"], Is.EqualTo("orders"));
        Assert.That(problem.Extensions["upstreamStatus"], Is.EqualTo(500));
        Assert.That(problem.Extensions["upstreamErrorType"], Is.EqualTo("InternalServerErrorException"));
    }

    [Test]
    public void Map_UpstreamErrorWithoutErrorType_LeavesItOut()
    {
        var ex = new AmplifyHttpStatusException("orders", HttpMethod.Get, "/orders", HttpStatusCode.NotFound, new Dictionary<string, IReadOnlyList<string>>(), "{}");

        var problem = AmplifyExceptionHandler.Map(ex, requestAborted: false)!;

        Assert.That(problem.Detail, Is.EqualTo("The upstream endpoint 'orders' answered 404 NotFound."));
        Assert.That(problem.Extensions.ContainsKey("upstreamErrorType"), Is.False);
        Assert.That(problem.Extensions["upstreamStatus"], Is.EqualTo(404));
    }

    [Test]
    public void Map_CognitoError_CarriesItsCodeAndStatus()
    {
        var problem = AmplifyExceptionHandler.Map(AmplifyProblemDetailsServiceCollectionExtensionsTests.Exception("cognito"), requestAborted: false)!;

        Assert.That(problem.Detail, Is.EqualTo("Amazon Cognito answered 400 (TooManyRequestsException) while the caller's credentials or tokens were being obtained."));
        Assert.That(problem.Extensions["cognitoErrorCode"], Is.EqualTo("TooManyRequestsException"));
        Assert.That(problem.Extensions.ContainsKey("endpoint"), Is.False);
    }

    [Test]
    public void Map_CredentialsUnavailableWithAndWithoutCode_DetailAndExtensionFollowIt()
    {
        var withCode = AmplifyExceptionHandler.Map(new AwsCredentialsUnavailableException("secret words", "ExpiredTokenException"), requestAborted: false)!;
        var withoutCode = AmplifyExceptionHandler.Map(new AwsCredentialsUnavailableException("secret words"), requestAborted: false)!;

        Assert.That((withCode.Status, withCode.Detail, withCode.Extensions["errorCode"]), Is.EqualTo((503, "AWS credentials for the upstream API could not be obtained (ExpiredTokenException); try again later.", (object)"ExpiredTokenException")));
        Assert.That(withoutCode.Detail, Is.EqualTo("AWS credentials for the upstream API could not be obtained; try again later."));
        Assert.That(withoutCode.Extensions, Is.Empty);
    }

    [Test]
    public void Map_TimeoutWhileTheCallerHungUp_IsNotAnUpstreamTimeout()
    {
        var timeout = AmplifyProblemDetailsServiceCollectionExtensionsTests.Exception("timeout");

        Assert.That(AmplifyExceptionHandler.Map(timeout, requestAborted: true), Is.Null, "the caller went away: nothing to answer");
        Assert.That(AmplifyExceptionHandler.Map(timeout, requestAborted: false)!.Status, Is.EqualTo(503));
        Assert.That(AmplifyExceptionHandler.Map(new TaskCanceledException("caller cancelled"), requestAborted: false), Is.Null, "a plain cancellation is not a timeout");
    }

    [Test]
    public void Map_OtherLibraryExceptions_AreLeftToTheApp()
    {
        Assert.That(AmplifyExceptionHandler.Map(new AmplifyConfigurationException(["bad"]), requestAborted: false), Is.Null);
        Assert.That(AmplifyExceptionHandler.Map(new AmplifyAuthException("refused"), requestAborted: false), Is.Null);
    }
}
