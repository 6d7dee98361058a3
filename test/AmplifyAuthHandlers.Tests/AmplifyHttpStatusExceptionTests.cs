using System.Net;

namespace AmplifyAuthHandlers.Tests;

/// <summary>The message of <see cref="AmplifyHttpStatusException"/>: API Gateway's reason, bounded and without secrets, and a hint.</summary>
[TestFixture]
public sealed class AmplifyHttpStatusExceptionTests
{
    private static AmplifyHttpStatusException Create(HttpStatusCode status, string? errorType, string body, string? authMode = null, string? difference = null)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (errorType is not null)
        {
            headers["x-amzn-ErrorType"] = [errorType];
        }

        return new AmplifyHttpStatusException("orders", HttpMethod.Get, "/dev/items", status, headers, body, authMode, difference);
    }

    [Test]
    public void Message_RegionScopeError_CarriesGatewayReasonAndRegionHint()
    {
        var ex = Create(HttpStatusCode.Forbidden, "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            """{"message":"Credential should be scoped to a valid region, not 'us-west-2'. "}""");

        Assert.Multiple(() =>
        {
            Assert.That(ex.ErrorType, Is.EqualTo("InvalidSignatureException"));
            Assert.That(ex.Message, Does.StartWith("GET /dev/items on endpoint 'orders' returned 403 Forbidden (InvalidSignatureException): Credential should be scoped to a valid region, not 'us-west-2'."));
            Assert.That(ex.Message, Does.Contain("set the endpoint's 'region'"));
            Assert.That(ex.Message, Does.Not.Contain("coral"));
        });
    }

    [Test]
    public void Message_MissingAuthenticationToken_HintsStagePathAndMethod()
    {
        var ex = Create(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException", """{"message":"Missing Authentication Token"}""");

        Assert.That(ex.Message, Does.Contain("(MissingAuthenticationTokenException): Missing Authentication Token").And.Contain("check the stage in the endpoint's URL, the path and the HTTP method"));
    }

    [Test]
    public void Message_ForbiddenOnApiKeyEndpoint_HintsTheKeyAndItsUsagePlan()
    {
        var ex = Create(HttpStatusCode.Forbidden, "ForbiddenException", """{"message":"Forbidden"}""", authMode: "API_KEY");

        Assert.That(ex.Message, Does.Contain("(ForbiddenException): Forbidden. Check the endpoint's apiKey").And.Contain("usage plan"));
    }

    [Test]
    public void Message_UnauthorizedOnUserPoolEndpoint_HintsTokenTypeAndExpiry()
    {
        var ex = Create(HttpStatusCode.Unauthorized, "UnauthorizedException", """{"message":"Unauthorized"}""", authMode: "AMAZON_COGNITO_USER_POOLS");

        Assert.That(ex.Message, Does.Contain("(UnauthorizedException): Unauthorized").And.Contain("ID token vs access token").And.Contain("expired"));
    }

    [Test]
    public void Message_SignatureMismatchQuotingTheSessionToken_KeepsOnlyTheFirstParagraphAndTheDifference()
    {
        const string token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6EXAMPLETOKENVALUEthatislongerthaneightychars==";
        var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["message"] = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'GET\n/dev/items\n\nhost:x\nx-amz-security-token:{token}\n\nhost;x-amz-security-token\nabc'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n...'\n",
        });

        var ex = Create(HttpStatusCode.Forbidden, "InvalidSignatureException", body, "AWS_IAM", "canonical request line 4 (a signed header): signed 'host:y', API Gateway expected 'host:x'");

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("The request signature we calculated does not match the signature you provided."));
            Assert.That(ex.Message, Does.Contain("First difference from what was signed: canonical request line 4"));
            Assert.That(ex.Message, Does.Not.Contain(token).And.Not.Contain("Canonical String"));
            Assert.That(ex.Body, Does.Contain(token), "Body stays as received");
        });
    }

    [Test]
    public void Message_ReasonWithTokenLikeWordsControlCharactersAndRunaway_IsRedactedAndBounded()
    {
        var jwt = "eyJhbGciOiJSUzI1NiJ9." + new string('a', 60) + "." + new string('b', 40);
        var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = $"bad\u0007token {jwt} " + new string('x', 10) + " " + string.Concat(Enumerable.Repeat("word ", 200)) });

        var ex = Create(HttpStatusCode.BadRequest, null, body);

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Not.Contain(jwt));
            Assert.That(ex.Message, Does.Contain("bad token ***"));
            Assert.That(ex.Message.Contains('\u0007', StringComparison.Ordinal), Is.False, "control characters are removed");
            Assert.That(ex.Message, Has.Length.LessThan(AmplifyHttpStatusException.MaxReasonChars + 120));
        });
    }

    [Test]
    public void Message_GatewayQuotesAShortAuthorizationValue_ItIsRedacted()
    {
        var body = "{\"message\":\"'opaque-7f3k' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer opaque-7f3k'. x-api-key=key-9q2w\"}";

        var ex = Create(HttpStatusCode.Forbidden, "IncompleteSignatureException", body, authMode: "OPENID_CONNECT");

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Not.Contain("opaque-7f3k").And.Not.Contain("key-9q2w"));
            Assert.That(ex.Message, Does.Contain("'***' not a valid key=value pair (missing equal-sign) in Authorization header: '***'"));
        });
    }

    [Test]
    public void Message_BodyNotJson_NoReasonAndTheBodyStaysInBody()
    {
        var ex = new AmplifyHttpStatusException("orders", HttpMethod.Get, "/dev/items", HttpStatusCode.BadGateway, new Dictionary<string, IReadOnlyList<string>>(), "<html>proxy</html>");

        Assert.That(ex.Message, Is.EqualTo("GET /dev/items on endpoint 'orders' returned 502 BadGateway."));
    }
}
