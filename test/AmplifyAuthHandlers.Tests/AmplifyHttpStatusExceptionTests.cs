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
    [TestCase("InvalidSignatureException", "Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z", null, "synchronise it (NTP)")]
    [TestCase("InvalidSignatureException", "Signature not yet current: 20260101T001000Z is still later than 20260101T000500Z", null, "synchronise it (NTP)")]
    [TestCase("InvalidSignatureException", "The request signature we calculated does not match", null, "API Gateway computed a different signature")]
    [TestCase("IncompleteSignatureException", "Request is missing a signed header", null, "The request was not signed completely")]
    [TestCase("UnrecognizedClientException", "The security token included in the request is invalid.", null, "The AWS credentials were not accepted")]
    [TestCase("ExpiredTokenException", "The security token included in the request is expired", null, "The AWS credentials were not accepted")]
    [TestCase("AccessDeniedException", "User is not authorized to access this resource", "AWS_IAM", "execute-api:Invoke")]
    [TestCase("UnauthorizedException", "Unauthorized", "OPENID_CONNECT", "The authorizer refused the request's Authorization token")]
    [TestCase(null, "Unauthorized", "AMAZON_COGNITO_USER_POOLS", "Check that the endpoint sends the token type the authorizer expects")]
    public void Message_KnownGatewayError_EndsWithItsHint(string? errorType, string reason, string? authMode, string hint)
    {
        var status = errorType is null or "UnauthorizedException" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
        var ex = Create(status, errorType, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = reason }), authMode);

        Assert.That(ex.Message, Does.Contain(hint));
        Assert.That(ex.Message, Does.Contain(reason));
    }

    [TestCase("ForbiddenException", "AWS_IAM", HttpStatusCode.Forbidden)]
    [TestCase(null, "API_KEY", HttpStatusCode.Unauthorized)]
    [TestCase(null, "AMAZON_COGNITO_USER_POOLS", HttpStatusCode.Forbidden)]
    [TestCase("SomethingElse", null, HttpStatusCode.BadRequest)]
    public void Message_ErrorWithoutAHint_EndsAfterTheReason(string? errorType, string? authMode, HttpStatusCode status)
    {
        var ex = Create(status, errorType, """{"message":"Nope"}""", authMode);

        Assert.That(ex.Message, Does.EndWith(": Nope."));
    }

    [TestCase("""{"Message":"Upper"}""", "Upper.")]
    [TestCase("""{"errorMessage":"From a Lambda"}""", "From a Lambda.")]
    [TestCase("""{"message":"Ends with a period."}""", "Ends with a period.")]
    [TestCase("""{"message":42,"Message":"Second key"}""", "Second key.")]
    public void Message_ReasonKeys_AreReadInOrderWithOneFinalPeriod(string body, string ending)
    {
        var ex = Create(HttpStatusCode.BadRequest, null, body);

        Assert.That(ex.Message, Is.EqualTo("GET /dev/items on endpoint 'orders' returned 400 BadRequest: " + ending));
    }

    [TestCase("""{"message":""}""")]
    [TestCase("""{"message":"   "}""")]
    [TestCase("""{"message":"\u0007\u0001"}""")]
    [TestCase("""["message"]""")]
    [TestCase("""{"other":"x"}""")]
    [TestCase("")]
    [TestCase("   ")]
    public void Message_NoUsableReason_EndsAfterTheStatus(string body)
    {
        var ex = Create(HttpStatusCode.BadRequest, null, body);

        Assert.That(ex.Message, Is.EqualTo("GET /dev/items on endpoint 'orders' returned 400 BadRequest."));
    }

    [Test]
    public void Message_LongReason_IsCutWithAnEllipsisAndNoPeriod()
    {
        var ex = Create(HttpStatusCode.BadRequest, null, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = new string('w', 10) + " " + string.Concat(Enumerable.Repeat("abc ", 100)) }));

        Assert.That(AmplifyHttpStatusException.Reason(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = string.Concat(Enumerable.Repeat("abc ", 100)) })), Has.Length.EqualTo(AmplifyHttpStatusException.MaxReasonChars + 1));
        Assert.That(ex.Message, Does.EndWith("…"));
    }

    [TestCase("Signature=0123abcd", "***")]
    [TestCase("X-Amz-Security-Token=abc", "***")]
    [TestCase("(Authorization=Bearer", "***")]
    [TestCase("x-api-key=k1", "***")]
    [TestCase("Token=t1", "***")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "***")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [TestCase("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    public void Reason_SecretLookingWord_IsReplaced(string word, string expected)
    {
        Assert.That(AmplifyHttpStatusException.Reason("{\"message\":\"bad " + word + " here\"}"), Is.EqualTo("bad " + expected + " here"));
    }

    [Test]
    public void Reason_LongUrl_IsKeptButALongWordIsNot()
    {
        var url = "https://docs.aws.amazon.com/apigateway/latest/developerguide/" + new string('p', 40);
        var opaque = new string('q', 80);

        Assert.That(AmplifyHttpStatusException.Reason("{\"message\":\"see " + url + " and " + opaque + "\"}"), Is.EqualTo("see " + url + " and ***"));
        Assert.That(AmplifyHttpStatusException.Reason("{\"message\":\"see " + new string('q', 79) + "\"}"), Is.EqualTo("see " + new string('q', 79)));
    }

    [Test]
    public void Reason_UnclosedQuoteInAnAuthorizationMessage_HidesTheRest()
    {
        Assert.That(AmplifyHttpStatusException.Reason("{\"message\":\"Authorization header: 'Bearer abc def\"}"), Is.EqualTo("Authorization header: '***'"));
        Assert.That(AmplifyHttpStatusException.Reason("{\"message\":\"Invalid key 'abc' given\"}"), Is.EqualTo("Invalid key 'abc' given"), "quotes are kept when no Authorization is mentioned");
    }

    [Test]
    public void Constructor_Public_KeepsEverythingAndParsesTheErrorType()
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-amzn-ErrorType"] = [" ThrottlingException :http://internal.amazon.com/coral/ "],
            ["x-amzn-RequestId"] = ["r-1"],
        };

        var ex = new AmplifyHttpStatusException("orders", HttpMethod.Post, "/dev/items", HttpStatusCode.TooManyRequests, headers, """{"message":"Too Many Requests"}""");

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Is.EqualTo("POST /dev/items on endpoint 'orders' returned 429 TooManyRequests (ThrottlingException): Too Many Requests."));
            Assert.That((ex.ApiName, ex.StatusCode, ex.ErrorType, ex.Body), Is.EqualTo(("orders", HttpStatusCode.TooManyRequests, "ThrottlingException", """{"message":"Too Many Requests"}""")));
            Assert.That(ex.Headers, Is.SameAs(headers));
            Assert.That(ex.InnerException, Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void ErrorType_BlankHeader_IsNull(string value)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>> { ["x-amzn-ErrorType"] = [value] };

        var ex = new AmplifyHttpStatusException("orders", HttpMethod.Get, "/dev/items", HttpStatusCode.BadRequest, headers, string.Empty);

        Assert.That(ex.ErrorType, Is.Null);
        Assert.That(ex.Message, Is.EqualTo("GET /dev/items on endpoint 'orders' returned 400 BadRequest."));
    }

    [Test]
    public void ErrorType_HeaderWithoutValues_IsNull()
    {
        var headers = new Dictionary<string, IReadOnlyList<string>> { ["x-amzn-ErrorType"] = [] };

        Assert.That(new AmplifyHttpStatusException("orders", HttpMethod.Get, "/", HttpStatusCode.BadRequest, headers, string.Empty).ErrorType, Is.Null);
        Assert.Throws<ArgumentNullException>(() => _ = new AmplifyHttpStatusException("orders", HttpMethod.Get, "/", HttpStatusCode.BadRequest, null!, string.Empty));
    }
}
