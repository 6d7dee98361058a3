using System.Net;

namespace AmplifyAuthHandlers.Tests;

/// <summary>
/// The exception family's plain constructors: each type's parameterless message says what failed, the others keep the
/// caller's message and inner exception, and every one is an <see cref="AmplifyException"/> a caller can catch once.
/// </summary>
[TestFixture]
public sealed class AmplifyExceptionTests
{
    private static readonly InvalidOperationException Inner = new("inner");

    private static IEnumerable<TestCaseData> ParameterlessConstructors()
    {
        yield return new TestCaseData(new AmplifyException(), "An AmplifyAuthHandlers operation failed.").SetArgDisplayNames(nameof(AmplifyException));
        yield return new TestCaseData(new AmplifyAuthException(), "A request could not be authorized.").SetArgDisplayNames(nameof(AmplifyAuthException));
        yield return new TestCaseData(new AmplifyNotSignedInException(), "No user is signed in. Sign in before calling an endpoint that needs a user-pool token.").SetArgDisplayNames(nameof(AmplifyNotSignedInException));
        yield return new TestCaseData(new SessionExpiredException(), "The session has expired and cannot be refreshed; sign in again.").SetArgDisplayNames(nameof(SessionExpiredException));
        yield return new TestCaseData(new CognitoServiceException(), "An Amazon Cognito request failed.").SetArgDisplayNames(nameof(CognitoServiceException));
    }

    [TestCaseSource(nameof(ParameterlessConstructors))]
    public void Constructor_Parameterless_SaysWhatFailed(AmplifyException exception, string message)
    {
        Assert.That(exception.Message, Is.EqualTo(message));
        Assert.That(exception.InnerException, Is.Null);
    }

    private static IEnumerable<TestCaseData> MessageConstructors()
    {
        yield return new TestCaseData(new AmplifyException("m1"), new AmplifyException("m2", Inner));
        yield return new TestCaseData(new AmplifyAuthException("m1"), new AmplifyAuthException("m2", Inner));
        yield return new TestCaseData(new AmplifyNotSignedInException("m1"), new AmplifyNotSignedInException("m2", Inner));
        yield return new TestCaseData(new SessionExpiredException("m1"), new SessionExpiredException("m2", Inner));
        yield return new TestCaseData(new CognitoServiceException("m1"), new CognitoServiceException("m2", Inner));
        yield return new TestCaseData(new AwsCredentialsUnavailableException("m1"), new AwsCredentialsUnavailableException("m2", innerException: Inner));
    }

    [TestCaseSource(nameof(MessageConstructors))]
    public void Constructor_MessageAndInner_KeepsBoth(AmplifyException withMessage, AmplifyException withInner)
    {
        Assert.That((withMessage.Message, withMessage.InnerException), Is.EqualTo(("m1", (Exception?)null)));
        Assert.That((withInner.Message, withInner.InnerException), Is.EqualTo(("m2", (Exception)Inner)));
    }

    [Test]
    public void Hierarchy_SessionAndSignInErrors_AreAuthErrors()
    {
        Assert.That(new AmplifyNotSignedInException(), Is.InstanceOf<AmplifyAuthException>());
        Assert.That(new SessionExpiredException(), Is.InstanceOf<AmplifyAuthException>());
        Assert.That(new AmplifyAuthException(), Is.InstanceOf<AmplifyException>());
    }

    [Test]
    public void ForEndpoint_NotSignedIn_NamesEndpointModeAndRemedy()
    {
        var ex = AmplifyNotSignedInException.ForEndpoint("orders", "AMAZON_COGNITO_USER_POOLS", "Call IAmplifyAuth.SignInAsync first.");

        Assert.That(ex.Message, Is.EqualTo("Endpoint 'orders' (AMAZON_COGNITO_USER_POOLS) needs a signed-in user, and there is none; the request was not sent. Call IAmplifyAuth.SignInAsync first."));
    }

    [Test]
    public void CognitoServiceException_MessageOnly_HasTheUnknownCodeAndNoStatus()
    {
        var ex = new CognitoServiceException("m", Inner);

        Assert.That((ex.ErrorCode, ex.StatusCode), Is.EqualTo((CognitoErrorCodes.Unknown, (HttpStatusCode)0)));
        Assert.That(new CognitoServiceException().ErrorCode, Is.EqualTo("UnknownError"));
    }

    [Test]
    public void CognitoServiceException_Full_KeepsCodeStatusAndInner()
    {
        var ex = new CognitoServiceException("refused", CognitoErrorCodes.NotAuthorized, HttpStatusCode.BadRequest, Inner);

        Assert.That((ex.Message, ex.ErrorCode, ex.StatusCode, ex.InnerException), Is.EqualTo(("refused", "NotAuthorizedException", HttpStatusCode.BadRequest, (Exception)Inner)));
    }

    [Test]
    public void AwsCredentialsUnavailableException_ErrorCode_IsKeptOrNull()
    {
        Assert.That(new AwsCredentialsUnavailableException("m", "ExpiredTokenException").ErrorCode, Is.EqualTo("ExpiredTokenException"));
        Assert.That(new AwsCredentialsUnavailableException("m").ErrorCode, Is.Null);
    }

    [TestCase(nameof(CognitoErrorCodes.ExpiredCode), "ExpiredCodeException")]
    [TestCase(nameof(CognitoErrorCodes.InvalidPassword), "InvalidPasswordException")]
    [TestCase(nameof(CognitoErrorCodes.CodeMismatch), "CodeMismatchException")]
    [TestCase(nameof(CognitoErrorCodes.NotAuthorized), "NotAuthorizedException")]
    public void CognitoErrorCodes_Constant_IsCognitosOwnErrorName(string constant, string wireName)
    {
        // The wire names are Cognito's __type values (botocore model); a caller compares CognitoServiceException.ErrorCode with them.
        var value = typeof(CognitoErrorCodes).GetField(constant)!.GetRawConstantValue();

        Assert.That(value, Is.EqualTo(wireName));
    }
}
