using System.Net;
using System.Text;

namespace AmplifyAuthHandlers.Tests.Cognito;

[TestFixture]
public sealed class CognitoErrorParserTests
{
    [TestCase("NotAuthorizedException", "NotAuthorizedException")]
    [TestCase("com.amazonaws.cognito.identity.idp.model#NotAuthorizedException", "NotAuthorizedException")]
    [TestCase("NotAuthorizedException:http://internal.amazon.com/coral/com.amazonaws.cognito/", "NotAuthorizedException")]
    [TestCase("aws.protocoltests#FooError:http://internal.amazon.com/", "FooError")]
    [TestCase("  UserNotFoundException  ", "UserNotFoundException")]
    [TestCase("CognitoLocal#Unsupported", "Unsupported")]
    public void NormalizeCode_KnownForms_StripNamespaceAndUri(string raw, string expected) =>
        Assert.That(CognitoErrorParser.NormalizeCode(raw), Is.EqualTo(expected));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("#")]
    [TestCase(":http://x")]
    [TestCase("Not Authorized")]
    [TestCase("<html>")]
    public void NormalizeCode_NotAnIdentifier_IsNull(string? raw) =>
        Assert.That(CognitoErrorParser.NormalizeCode(raw), Is.Null);

    [Test]
    public void NormalizeCode_VeryLong_IsNull() =>
        Assert.That(CognitoErrorParser.NormalizeCode(new string('A', 129)), Is.Null);

    [Test]
    public void Parse_HeaderAndBody_PrefersHeaderCodeAndKeepsBodyMessage()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "TooManyRequestsException:http://internal.amazon.com/");

        var (code, message) = CognitoErrorParser.Parse(response.Headers, Encoding.UTF8.GetBytes("""{"__type":"NotAuthorizedException","Message":"Rate exceeded"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo("TooManyRequestsException"));
            Assert.That(message, Is.EqualTo("Rate exceeded"));
        });
    }

    [Test]
    public void Parse_ControlCharactersAndLongMessage_AreSanitizedAndTruncated()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        var longMessage = "line1\\nline2\\u0007" + new string('x', 1000);

        var (_, message) = CognitoErrorParser.Parse(response.Headers, Encoding.UTF8.GetBytes($$"""{"__type":"X","message":"{{longMessage}}"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(message, Does.StartWith("line1 line2 x"));
            Assert.That(message, Has.Length.EqualTo(513));
            Assert.That(message, Does.EndWith("…"));
        });
    }

    [Test]
    public void Parse_EmptyBodyNoHeader_IsUnknownWithoutMessage()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var (code, message) = CognitoErrorParser.Parse(response.Headers, ReadOnlyMemory<byte>.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(CognitoErrorCodes.Unknown));
            Assert.That(message, Is.Null);
        });
    }
}
