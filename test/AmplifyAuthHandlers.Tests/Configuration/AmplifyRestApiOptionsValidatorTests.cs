
namespace AmplifyAuthHandlers.Tests.Configuration;

[TestFixture]
public sealed class AmplifyRestApiOptionsValidatorTests
{
    private const string Stage = "https://abc.execute-api.us-west-2.amazonaws.com/dev";

    private static IReadOnlyList<string> Problems(Action<AmplifyRestApiOptions> configure)
    {
        var options = new AmplifyRestApiOptions();
        configure(options);
        var result = new AmplifyRestApiOptionsValidator(new AmplifyServiceRegistry()).Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Test]
    public void Validate_GoodApiKeyEndpoint_Succeeds() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "k"), Is.Empty);

    [Test]
    public void Validate_LoopbackHttp_IsAllowed() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri("http://127.0.0.1:5000/dev"), AmplifyAuthorizationType.None)), Is.Empty);

    [Test]
    public void Validate_UndefinedEnumValue_IsUnknownMode() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), (AmplifyAuthorizationType)42)), Has.One.Contains("unknown authorizationType 42"));

    [Test]
    public void Validate_UserInfoInUri_IsRefused() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri("https://user:pw@api.example.com/"), AmplifyAuthorizationType.None)), Has.One.Contains("user information"));

    [TestCase("bad header")]
    [TestCase("x:y")]
    [TestCase("")]
    public void Validate_InvalidHeaderName_IsRefused(string header) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v"), Has.Some.Contains("not a valid HTTP header name"));

    [TestCase("Host")]
    [TestCase("X-Amz-Date")]
    [TestCase("content-length")]
    public void Validate_HeaderOwnedByHttpClientOrSigner_IsRefused(string header) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v"), Has.One.Contains("cannot be set as a custom header"));

    [Test]
    public void Validate_HeaderValueWithLineBreak_IsRefused() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x-a"] = "v\r\nInjected: 1"), Has.One.Contains("line break"));

    [TestCase("x(t)")]
    [TestCase("x@t")]
    [TestCase("x/t")]
    [TestCase("x\"t")]
    [TestCase("x{t}")]
    [TestCase("x\u00e9")]
    public void Validate_HeaderNameNotAnHttpToken_IsRefusedAtStartUp(string header)
    {
        var problems = Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v");

        Assert.That(problems, Has.One.Contains("not a valid HTTP header name").And.Contains("orders").And.Contains("RFC 9110"));
    }

    [TestCase("x-Tilde_Ok.1!#$%&'*+^`|~")]
    public void Validate_HeaderNameOfTcharOnly_IsAccepted(string header) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v"), Is.Empty);

    [TestCase("a\0b")]
    [TestCase("a\u001bb")]
    [TestCase("a\u007fb")]
    [TestCase("caf\u00e9")]
    [TestCase("v\nInjected: 1")]
    public void Validate_HeaderValueNotPrintableAscii_IsRefusedNamingEndpointAndHeaderWithoutTheValue(string value)
    {
        var problems = Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x-tenant"] = "secret-" + value);

        Assert.That(problems, Has.One.Contains("'orders'").And.Contains("'x-tenant'").And.Contains("visible ASCII"));
        Assert.That(string.Join(" ", problems), Does.Not.Contain("secret-"));
    }

    [Test]
    public void Validate_HeaderValueWithSpacesAndTabsInside_IsAccepted() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x-a"] = "one two\tthree"), Is.Empty);

    [TestCase("AccessKeyId", "AKID\r\nX-Injected: 1")]
    [TestCase("SecretAccessKey", "secret\nkey")]
    [TestCase("SessionToken", "token\r\nX-Injected: 1")]
    [TestCase("SessionToken", "tok\u00e9n")]
    [TestCase("SecretAccessKey", "se\0cret")]
    public void Validate_StaticCredentialWithControlOrNonAscii_IsRefusedNamingTheKeyWithoutTheValue(string key, string value)
    {
        var problems = Problems(o =>
        {
            o.AddEndpoint("items", new Uri(Stage), AmplifyAuthorizationType.AwsIam);
            o.Credentials.AccessKeyId = key == "AccessKeyId" ? value : "AKIDOK";
            o.Credentials.SecretAccessKey = key == "SecretAccessKey" ? value : "secret-ok";
            o.Credentials.SessionToken = key == "SessionToken" ? value : null;
        });

        Assert.That(problems, Has.One.Contains($"Credentials:{key}").And.Contains("control character"));
        Assert.That(string.Join(" ", problems), Does.Not.Contain(value[..3]));
    }

    [Test]
    public void Validate_ApiKeyWithControlCharacters_IsRefusedWithoutEchoingIt()
    {
        var problems = Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = "secret\nkey");

        Assert.That(problems, Has.One.Contains("control or non-ASCII"));
        Assert.That(string.Join(" ", problems), Does.Not.Contain("secret"));
    }

    [Test]
    public void Validate_IamOnExecuteApiHostWithoutRegion_IsNotAMissingRegion() =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.AwsIam)), Has.None.Contains("needs 'region'"));

    [TestCase("http://cognito.example.com/", false)]
    [TestCase("http://127.0.0.1:9229/", true)]
    [TestCase("https://cognito.example.com/", true)]
    public void Validate_CognitoEndpointOverride_MustBeHttpsOrLoopback(string endpoint, bool accepted)
    {
        var problems = Problems(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", AppClientId = "c", Endpoint = new Uri(endpoint) };
            o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:x", Endpoint = new Uri(endpoint) };
        });

        Assert.That(problems.Where(p => p.Contains("clear text", StringComparison.Ordinal)), accepted ? Is.Empty : Has.Exactly(2).Items);
    }

    [Test]
    public void Validate_BadPoolRegion_IsReported()
    {
        var problems = Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "x", Region = "mars" });

        Assert.That(problems, Has.One.Contains("'mars' is not an AWS region name"));
    }

    [Test]
    public void Validate_UnknownUserPoolTokenType_IsReportedNamingTheKey()
    {
        var problems = Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.AmazonCognitoUserPools).TokenType = (AmplifyUserPoolTokenType)42);

        Assert.That(problems, Has.One.Contains("Endpoint 'a': unknown user-pool token type 42").And.Contains("expected Access or Id"));
    }

    [TestCase("arn:aws:iam::123456789012:role/Pool_Auth_Role")]
    [TestCase("arn:aws:iam::123456789012:role/service-role/Cognito_PoolAuth_Role")]
    [TestCase("arn:aws-cn:iam::123456789012:role/Pool_Auth_Role")]
    [TestCase("arn:aws-us-gov:iam::123456789012:role/a+b=c,d.e@f_g-h")]
    public void Validate_RoleArn_IsAccepted(string arn) =>
        Assert.That(Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", UnauthenticatedRoleArn = arn, AuthenticatedRoleArn = arn }), Is.Empty);

    [TestCase("Pool_Auth_Role")]
    [TestCase("arn:aws:iam::12345:role/Short_Account")]
    [TestCase("arn:aws:iam::123456789012:user/NotARole")]
    [TestCase("arn:aws:sts::123456789012:assumed-role/Role/session")]
    [TestCase("arn:aws:iam::123456789012:role/")]
    [TestCase("arn:aws:iam::123456789012:role/with space")]
    public void Validate_NotARoleArn_IsRefusedNamingTheKey(string arn)
    {
        var problems = Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", AuthenticatedRoleArn = arn });

        Assert.That(problems, Has.One.Contains($"'{arn}' at Auth:IdentityPool:AuthenticatedRoleArn is not an IAM role ARN").And.Contains("arn:aws:iam::<12-digit account>:role/<name>"));
    }

    [Test]
    public void Validate_BadUnauthenticatedRoleArn_NamesThatKey() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", UnauthenticatedRoleArn = "guest-role" }),
            Has.One.Contains("Auth:IdentityPool:UnauthenticatedRoleArn"));

    [TestCase("http://sts.example.com/", false)]
    [TestCase("http://127.0.0.1:4566/", true)]
    [TestCase("https://sts-proxy.example.com/", true)]
    public void Validate_StsEndpoint_MustBeHttpsOrLoopback(string uri, bool allowed) =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", StsEndpoint = new Uri(uri) }),
            allowed ? Is.Empty : Has.One.Contains("Auth:IdentityPool:StsEndpoint"));

    [TestCase("CUSTOM_AUTH")]
    [TestCase("USER_AUTH")]
    [TestCase("user_srp_auth")]
    public void Validate_UnsupportedAuthenticationFlowType_IsAStartUpError(string flow) =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_abc", AppClientId = "c", AuthenticationFlowType = flow }),
            Has.One.Contains($"authenticationFlowType '{flow}' is not supported; use USER_SRP_AUTH (Amplify's default) or USER_PASSWORD_AUTH").And.Contains("Auth.Default.authenticationFlowType"));

    [TestCase("USER_SRP_AUTH")]
    [TestCase("USER_PASSWORD_AUTH")]
    public void Validate_SupportedAuthenticationFlowType_IsAccepted(string flow) =>
        Assert.That(Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_abc", AppClientId = "c", AuthenticationFlowType = flow }), Is.Empty);

    [Test]
    public void Validate_UserPoolRegionContradictingThePoolId_IsAStartUpError() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_abc", AppClientId = "c", Region = "eu-west-1" }),
            Has.One.Contains("Auth user pool: Region 'eu-west-1' contradicts the pool ID 'us-east-1_abc', whose region is us-east-1").And.Contains("Set the Region to us-east-1, or remove it"));

    [Test]
    public void Validate_IdentityPoolRegionContradictingThePoolId_IsAStartUpError() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:0000-1111", Region = "us-west-2" }),
            Has.One.Contains("Auth identity pool: Region 'us-west-2' contradicts the pool ID 'us-east-1:0000-1111', whose region is us-east-1"));

    [TestCase("us-east-1_abc", "us-east-1")]
    [TestCase("testUserPoolId", "eu-west-1")]
    [TestCase("mock-cup-id", "us-west-2")]
    public void Validate_UserPoolRegionAgreeingOrPoolIdWithoutRegion_IsAccepted(string poolId, string region) =>
        Assert.That(Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = poolId, AppClientId = "c", Region = region }), Is.Empty);

    [TestCase("cognito-idp.local:9229", "It has no scheme: write https://cognito-idp.local:9229")]
    [TestCase("localhost:9229", "It has no scheme: write https://localhost:9229")]
    [TestCase("ftp://cognito.example.com/", "'ftp://cognito.example.com/' at")]
    public void Validate_EndpointOverrideNotAnHttpUri_EchoesTheValueAsWritten(string written, string expected)
    {
        var problems = Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", AppClientId = "c", Endpoint = new Uri(written, UriKind.RelativeOrAbsolute) });

        Assert.That(problems, Has.One.Contains($"Auth: '{written}' at CognitoUserPool.Default.Endpoint").And.Contains(expected));
    }

    [Test]
    public void Validate_StsEndpointWithoutScheme_EchoesTheValueAsWritten() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", StsEndpoint = new Uri("sts.local:4566", UriKind.RelativeOrAbsolute) }),
            Has.One.Contains("Auth: 'sts.local:4566' at Auth:IdentityPool:StsEndpoint"));

    [Test]
    public void Validate_EndpointOverrideWithUserInformation_NeverEchoesIt() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", AppClientId = "c", Endpoint = new Uri("user:hunter2@cognito.local:9229", UriKind.RelativeOrAbsolute) }),
            Has.One.Contains("Auth: '…@cognito.local:9229' at").And.Not.Contains("hunter2"));

    [TestCase(0L)]
    [TestCase(-5L)]
    [TestCase(2_147_483_592L)]
    public void Validate_MaxBufferedRequestBodyBytesOutOfRange_IsRefusedNamingTheEndpoint(long value) =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.AwsIam).MaxBufferedRequestBodyBytes = value),
            Has.One.Contains("Endpoint 'a': MaxBufferedRequestBodyBytes").And.Contains("out of range"));

    [Test]
    public void Validate_RestEndpointWithoutScheme_EchoesTheValueAsWritten() =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri("abc.execute-api.us-west-2.amazonaws.com:443/dev", UriKind.RelativeOrAbsolute), AmplifyAuthorizationType.None)),
            Has.One.Contains("Endpoint 'a': 'abc.execute-api.us-west-2.amazonaws.com:443/dev' at").And.Contains("It has no scheme: write https://abc.execute-api.us-west-2.amazonaws.com:443/dev."));

    private static IReadOnlyList<string> Problems(AmplifyServiceRegistry registry, Action<AmplifyRestApiOptions> configure)
    {
        var options = new AmplifyRestApiOptions();
        configure(options);
        var result = new AmplifyRestApiOptionsValidator(registry).Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    [Test]
    public void Validate_NoProblems_SucceedsWithoutFailures()
    {
        var options = new AmplifyRestApiOptions();
        options.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None);

        var result = new AmplifyRestApiOptionsValidator(new AmplifyServiceRegistry()).Validate(null, options);

        Assert.That((result.Succeeded, result.Failed), Is.EqualTo((true, false)));
    }

    [Test]
    public void Validate_LoadProblems_AreReportedFirstWithTheEndpointsOwn()
    {
        var problems = Problems(o =>
        {
            o.LoadProblems.Add("read problem");
            o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.ApiKey);
        });

        Assert.That(problems, Is.EqualTo(new[]
        {
            "read problem",
            "Endpoint 'a': authorizationType API_KEY needs 'apiKey' at Endpoints[\"a\"].ApiKey; set it to the API Gateway key.",
        }));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Validate_EndpointWithEmptyName_IsRefusedAndNotCheckedFurther(string name) =>
        Assert.That(
            Problems(o => o.Endpoints[name] = new AmplifyRestEndpointOptions { AuthorizationType = AmplifyAuthorizationType.ApiKey }),
            Is.EqualTo(new[] { "An endpoint has an empty name; every endpoint needs a name (it is also its HttpClient's name)." }));

    [Test]
    public void Validate_NullEndpoint_IsRefusedNamingIt() =>
        Assert.That(
            Problems(o => o.Endpoints["orders"] = null!),
            Is.EqualTo(new[] { "Endpoint 'orders' is null; give it at least 'endpoint' and 'authorizationType'." }));

    [Test]
    public void Validate_MissingUri_NamesTheEndpointTheKeyAndAnExample() =>
        Assert.That(
            Problems(o => o.Endpoints["orders"] = new AmplifyRestEndpointOptions { AuthorizationType = AmplifyAuthorizationType.None }),
            Is.EqualTo(new[] { "Endpoint 'orders': 'endpoint' is missing at Endpoints[\"orders\"].Endpoint; set it to the API's invoke URL, e.g. https://abc123.execute-api.us-west-2.amazonaws.com/dev." }));

    [Test]
    public void Validate_RelativeUriOnIamEndpoint_IsOnlyTheUriProblem() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("dev/items", UriKind.Relative), AmplifyAuthorizationType.AwsIam)),
            Is.EqualTo(new[] { "Endpoint 'orders': 'dev/items' at Endpoints[\"orders\"].Endpoint is not an absolute URI; expected e.g. https://abc123.execute-api.us-west-2.amazonaws.com/dev." }));

    [Test]
    public void Validate_OtherSchemeOnIamEndpoint_IsOnlyTheSchemeProblemWithoutANoSchemeHint() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("ftp://files.example.com/x"), AmplifyAuthorizationType.AwsIam)),
            Is.EqualTo(new[] { "Endpoint 'orders': 'ftp://files.example.com/x' at Endpoints[\"orders\"].Endpoint uses the scheme 'ftp'; only https:// (and http:// to loopback) is allowed." }));

    [Test]
    public void Validate_SchemeWithUserInformation_NeverEchoesItNorSaysTheSchemeIsMissing() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("ftp://user:hunter2@files.example.com/x"), AmplifyAuthorizationType.None)),
            Is.EqualTo(new[] { "Endpoint 'orders': '…@files.example.com/x' at Endpoints[\"orders\"].Endpoint uses the scheme 'ftp'; only https:// (and http:// to loopback) is allowed." }));

    [Test]
    public void Validate_EndpointOverrideWithSchemeAndUserInformation_NeverEchoesItNorSaysTheSchemeIsMissing() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", Endpoint = new Uri("ftp://user:hunter2@cognito.example.com/") }),
            Is.EqualTo(new[] { "Auth: '…@cognito.example.com/' at CognitoUserPool.Default.Endpoint (Auth:UserPool:Endpoint) is not an absolute https:// URI (http:// is allowed only for loopback); passwords and refresh tokens must not cross the network in clear text." }));

    [Test]
    public void Validate_NullOptions_ThrowsArgumentNull() =>
        Assert.That(
            () => new AmplifyRestApiOptionsValidator(new AmplifyServiceRegistry()).Validate(null, null!),
            Throws.ArgumentNullException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("options"));

    [Test]
    public void Validate_HttpToANetworkHost_NamesTheOriginAndTheFix() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("http://api.example.com:8080/dev"), AmplifyAuthorizationType.None)),
            Is.EqualTo(new[] { "Endpoint 'orders': 'http://api.example.com:8080' at Endpoints[\"orders\"].Endpoint uses http:// to a host that is not loopback; credentials would cross the network in clear text. Use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost)." }));

    [TestCase("http://[::1]:5000/dev")]
    [TestCase("http://localhost:5000/dev")]
    public void Validate_HttpToLoopback_IsAllowed(string uri) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(uri), AmplifyAuthorizationType.None)), Is.Empty);

    [TestCase("https://api.example.com/dev?stage=1")]
    [TestCase("https://api.example.com/dev#top")]
    public void Validate_QueryOrFragment_IsRefusedNamingTheKey(string uri) =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(uri), AmplifyAuthorizationType.None)),
            Is.EqualTo(new[] { "Endpoint 'orders': the URI at Endpoints[\"orders\"].Endpoint has a query or fragment; an endpoint is a base address (scheme, host and stage path) only." }));

    [Test]
    public void Validate_UserInfo_NamesTheKeyAndTheFix() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("https://user:pw@api.example.com/"), AmplifyAuthorizationType.None)),
            Is.EqualTo(new[] { "Endpoint 'orders': the URI at Endpoints[\"orders\"].Endpoint carries user information before the host; remove it (credentials never belong in a URI)." }));

    [TestCase(1L)]
    [TestCase(2_147_483_591L)]
    public void Validate_MaxBufferedRequestBodyBytesAtTheBounds_IsAccepted(long value) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).MaxBufferedRequestBodyBytes = value), Is.Empty);

    [Test]
    public void Validate_MaxBufferedRequestBodyBytesOutOfRange_NamesTheKeyAndTheRange() =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).MaxBufferedRequestBodyBytes = 0),
            Is.EqualTo(new[] { "Endpoint 'a': MaxBufferedRequestBodyBytes 0 at Endpoints[\"a\"].MaxBufferedRequestBodyBytes is out of range; expected 1 to 2147483591 bytes (default 10485760, API Gateway's 10 MB payload limit)." }));

    [Test]
    public void Validate_UnreadableAuthorizationType_SkipsTheModeRules()
    {
        var problems = Problems(o =>
        {
            var endpoint = o.AddEndpoint("a", new Uri("https://api.example.com/"), AmplifyAuthorizationType.AwsIam);
            endpoint.AuthorizationTypeUnreadable = true;
            endpoint.Region = "Oregon";
            endpoint.Headers["Host"] = "x";
        });

        Assert.That(problems, Is.Empty, "the reader reported the unreadable type; guessing a mode would add wrong problems");
    }

    [Test]
    public void Validate_UndefinedAuthorizationType_NamesTheKeyAndTheNamesAndSkipsTheModeRules()
    {
        var problems = Problems(o =>
        {
            var endpoint = o.AddEndpoint("a", new Uri(Stage), (AmplifyAuthorizationType)42);
            endpoint.Region = "Oregon";
        });

        Assert.That(problems, Is.EqualTo(new[] { $"Endpoint 'a': unknown authorizationType 42 at Endpoints[\"a\"].AuthorizationType; expected one of {AmplifyAuthorizationTypeNames.AllNames}." }));
    }

    [Test]
    public void Validate_BadRegion_NamesTheEndpointTheKeyAndAnExample() =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.None).Region = "Oregon"),
            Is.EqualTo(new[] { "Endpoint 'a': 'Oregon' at Endpoints[\"a\"].Region is not an AWS region name (e.g. us-west-2)." }));

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(null)]
    public void Validate_ApiKeyEndpointWithoutKey_NamesTheKeyAndTheFix(string? key) =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = key),
            Is.EqualTo(new[] { "Endpoint 'orders': authorizationType API_KEY needs 'apiKey' at Endpoints[\"orders\"].ApiKey; set it to the API Gateway key." }));

    [Test]
    public void Validate_IamOnCustomDomainWithExplicitRegion_IsAccepted() =>
        Assert.That(Problems(o => o.AddEndpoint("orders", new Uri("https://api.example.com/v1"), AmplifyAuthorizationType.AwsIam).Region = "eu-west-1"), Is.Empty);

    [Test]
    public void Validate_IamOnCustomDomainWithoutRegion_NamesTheEndpointTheKeyAndTheHost() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri("https://api.example.com/v1"), AmplifyAuthorizationType.AwsIam)),
            Is.EqualTo(new[] { "Endpoint 'orders': authorizationType AWS_IAM needs 'region' at Endpoints[\"orders\"].Region; it cannot be read from the host 'api.example.com' (only *.execute-api.<region>.amazonaws.com hosts carry it)." }));

    [TestCase(AmplifyAuthorizationType.None)]
    [TestCase(AmplifyAuthorizationType.AmazonCognitoUserPools)]
    public void Validate_OtherModeOnCustomDomainWithoutRegion_NeedsNoRegion(AmplifyAuthorizationType type) =>
        Assert.That(Problems(o => o.AddEndpoint("orders", new Uri("https://api.example.com/v1"), type)), Is.Empty);

    [TestCase("k~ey with space")]
    [TestCase("!")]
    public void Validate_ApiKeyOfPrintableAscii_IsAccepted(string key) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.ApiKey).ApiKey = key), Is.Empty);

    [TestCase("key\u001f")]
    [TestCase("key\u007f")]
    [TestCase("k\u00e9y")]
    public void Validate_ApiKeyWithControlOrNonAscii_NamesTheKeyWithoutTheValue(string key) =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).ApiKey = key),
            Is.EqualTo(new[] { "Endpoint 'orders': 'apiKey' at Endpoints[\"orders\"].ApiKey contains control or non-ASCII characters; an API Gateway key is printable ASCII." }));

    [TestCase("Host")]
    [TestCase("Content-Length")]
    [TestCase("Transfer-Encoding")]
    [TestCase("connection")]
    [TestCase("X-Amz-Date")]
    [TestCase("x-amz-security-token")]
    [TestCase("X-Amz-Content-Sha256")]
    public void Validate_ReservedCustomHeader_NamesTheEndpointTheHeaderTheKeyAndTheFix(string header) =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v"),
            Is.EqualTo(new[] { $"Endpoint 'orders': header '{header}' at Endpoints[\"orders\"].Headers cannot be set as a custom header; HttpClient or the signer owns it. Remove it from the endpoint's headers." }));

    [TestCase("X-Amz-Target")]
    [TestCase("x-tenant")]
    [TestCase("X-Api-Key")]
    public void Validate_OtherCustomHeader_IsAccepted(string header) =>
        Assert.That(Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers[header] = "v"), Is.Empty);

    [Test]
    public void Validate_InvalidHeaderName_NamesTheKeyAndIsNotAlsoReserved() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x\ny"] = "v"),
            Is.EqualTo(new[] { $"Endpoint 'orders': '{AmplifyInvalidHeaderException.Printable("x\ny")}' in its headers at Endpoints[\"orders\"].Headers is not a valid HTTP header name; a name is letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110 token)." }));

    [Test]
    public void Validate_HeaderWithoutValue_NamesTheHeaderAndTheKey() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x-tenant"] = null!),
            Is.EqualTo(new[] { "Endpoint 'orders': the value of header 'x-tenant' at Endpoints[\"orders\"].Headers is missing." }));

    [Test]
    public void Validate_ReservedHeaderWithoutValue_ReportsBoth() =>
        Assert.That(Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers["Host"] = null!), Has.Exactly(2).Items);

    [Test]
    public void Validate_HeaderValueWithControlCharacter_NamesTheKey() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Headers["x-tenant"] = "a\nb"),
            Is.EqualTo(new[] { "Endpoint 'orders': the value of header 'x-tenant' at Endpoints[\"orders\"].Headers contains a control character (such as a line break, NUL or ESC) or a non-ASCII character; header values must be visible ASCII, spaces or tabs." }));

    [Test]
    public void Validate_ResilienceRules_AreApplied() =>
        Assert.That(
            Problems(o => o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None).Resilience.MaxRetryAttempts = 11),
            Has.One.StartsWith("Endpoint 'orders': Resilience.MaxRetryAttempts 11 at Endpoints[\"orders\"].Resilience.MaxRetryAttempts is out of range"));

    [TestCase(AmplifyAuthorizationType.None)]
    [TestCase(AmplifyAuthorizationType.OpenIdConnect)]
    public void Validate_UnknownTokenTypeOnAnotherMode_IsNotChecked(AmplifyAuthorizationType type) =>
        Assert.That(Problems(o => o.AddEndpoint("a", new Uri(Stage), type).TokenType = (AmplifyUserPoolTokenType)42), Is.Empty);

    [Test]
    public void Validate_UnknownTokenType_NamesTheKey() =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.AmazonCognitoUserPools).TokenType = (AmplifyUserPoolTokenType)42),
            Is.EqualTo(new[] { "Endpoint 'a': unknown user-pool token type 42 at Endpoints[\"a\"].TokenType; expected Access or Id." }));

    [Test]
    public void Validate_ClientBoundToAMissingEndpoint_NamesBothAndTheConfiguredOnesInOrder()
    {
        var registry = new AmplifyServiceRegistry();
        registry.BindClient("orders", "orders");
        registry.BindClient("mine", "ordres");

        var problems = Problems(registry, o =>
        {
            o.AddEndpoint("orders", new Uri(Stage), AmplifyAuthorizationType.None);
            o.AddEndpoint("billing", new Uri(Stage), AmplifyAuthorizationType.None);
        });

        Assert.That(problems, Is.EqualTo(new[] { "HttpClient 'mine' is bound to endpoint 'ordres' with AddAmplifyAuthorization, but no endpoint of that name is configured. Configured endpoints: billing, orders." }));
    }

    [Test]
    public void Validate_ClientBoundWithNoEndpointsConfigured_SaysNone()
    {
        var registry = new AmplifyServiceRegistry();
        registry.BindClient("mine", "orders");

        Assert.That(Problems(registry, _ => { }), Has.One.EndsWith("Configured endpoints: (none)."));
    }

    [Test]
    public void Validate_PrintableStaticCredentials_AreAccepted() =>
        Assert.That(
            Problems(o =>
            {
                o.Credentials.AccessKeyId = "AKIDEXAMPLE";
                o.Credentials.SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
                o.Credentials.SessionToken = "IQoJb3JpZ2luX2Vj==";
            }),
            Is.Empty);

    [Test]
    public void Validate_StaticCredentialWithLineBreak_IsTheExactMessage() =>
        Assert.That(
            Problems(o => o.Credentials.SecretAccessKey = "a\nb"),
            Is.EqualTo(new[] { "AWS credentials: the value at Credentials:SecretAccessKey contains a control character (such as a line break) or a non-ASCII character; AWS credentials are printable ASCII. Check how the value was pasted or generated (it is not shown here)." }));

    [Test]
    public void Validate_BadIdentityPoolRegion_NamesTheKey() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "x", Region = "mars" }),
            Is.EqualTo(new[] { "Auth identity pool: 'mars' is not an AWS region name (CredentialsProvider.CognitoIdentity.Default.Region)." }));

    [Test]
    public void Validate_BadUserPoolRegion_NamesTheKeyAndIsNoContradiction() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", Region = "mars" }),
            Is.EqualTo(new[] { "Auth user pool: 'mars' is not an AWS region name (CognitoUserPool.Default.Region)." }));

    [Test]
    public void Validate_BadIdentityPoolRegion_IsNoContradiction() =>
        Assert.That(Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:x", Region = "mars" }), Has.Exactly(1).Items);

    [TestCase("us-east-1:0000", "us-east-1")]
    [TestCase("local:0000", "eu-west-1")]
    [TestCase(":0000", "eu-west-1")]
    [TestCase("0000", "eu-west-1")]
    public void Validate_IdentityPoolRegionAgreeingOrPoolIdWithoutRegion_IsAccepted(string poolId, string region) =>
        Assert.That(Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = poolId, Region = region }), Is.Empty);

    [Test]
    public void Validate_IdentityPoolRegionContradiction_IsTheExactMessage() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:0000", Region = "us-west-2" }),
            Is.EqualTo(new[] { "Auth identity pool: Region 'us-west-2' contradicts the pool ID 'us-east-1:0000', whose region is us-east-1 (CredentialsProvider.CognitoIdentity.Default.Region, auth.aws_region, aws_cognito_region or Auth:IdentityPool:Region). Set the Region to us-east-1, or remove it: the pool ID's region is then used." }));

    [Test]
    public void Validate_UserPoolRegionContradiction_IsTheExactMessage() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_abc", Region = "eu-west-1" }),
            Is.EqualTo(new[] { "Auth user pool: Region 'eu-west-1' contradicts the pool ID 'us-east-1_abc', whose region is us-east-1 (CognitoUserPool.Default.Region, auth.aws_region, aws_cognito_region or Auth:UserPool:Region). Set the Region to us-east-1, or remove it: the pool ID's region is then used." }));

    [Test]
    public void Validate_EmptyAuthenticationFlowType_IsAccepted() =>
        Assert.That(Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_abc", AuthenticationFlowType = "" }), Is.Empty);

    [Test]
    public void Validate_UnsupportedAuthenticationFlowType_NamesEveryKeyItComesFrom() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_abc", AuthenticationFlowType = "CUSTOM_AUTH" }),
            Is.EqualTo(new[] { "Auth user pool: authenticationFlowType 'CUSTOM_AUTH' is not supported; use USER_SRP_AUTH (Amplify's default) or USER_PASSWORD_AUTH (Auth.Default.authenticationFlowType in amplifyconfiguration.json, auth.authentication_flow_type in amplify_outputs.json, Auth:UserPool:AuthenticationFlowType in appsettings)." }));

    [Test]
    public void Validate_IdentityPoolEndpointOverrideOverHttp_NamesTheKeyAndWhatTravels() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-east-1:x", Endpoint = new Uri("http://cognito.example.com:81/x") }),
            Is.EqualTo(new[] { "Auth: 'http://cognito.example.com:81' at CredentialsProvider.CognitoIdentity.Default.Endpoint (Auth:IdentityPool:Endpoint) is not an absolute https:// URI (http:// is allowed only for loopback); ID tokens and AWS secret keys must not cross the network in clear text." }));

    [Test]
    public void Validate_UserPoolEndpointOverrideOverHttp_NamesTheKeyAndWhatTravels() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", Endpoint = new Uri("http://cognito.example.com/") }),
            Is.EqualTo(new[] { "Auth: 'http://cognito.example.com' at CognitoUserPool.Default.Endpoint (Auth:UserPool:Endpoint) is not an absolute https:// URI (http:// is allowed only for loopback); passwords and refresh tokens must not cross the network in clear text." }));

    [Test]
    public void Validate_StsEndpointOtherScheme_NamesTheKeyWithoutANoSchemeHint() =>
        Assert.That(
            Problems(o => o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:1", StsEndpoint = new Uri("ftp://sts.example.com/") }),
            Is.EqualTo(new[] { "Auth: 'ftp://sts.example.com/' at Auth:IdentityPool:StsEndpoint is not an absolute https:// URI (http:// is allowed only for loopback); web identity tokens must not cross the network in clear text." }));

    [Test]
    public void Validate_UserPoolEndpointOverrideWithoutScheme_IsTheExactMessage() =>
        Assert.That(
            Problems(o => o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-east-1_x", Endpoint = new Uri("cognito.local/x", UriKind.Relative) }),
            Is.EqualTo(new[] { "Auth: 'cognito.local/x' at CognitoUserPool.Default.Endpoint (Auth:UserPool:Endpoint) is not an absolute https:// URI (http:// is allowed only for loopback); passwords and refresh tokens must not cross the network in clear text. It has no scheme: write https://cognito.local/x (or http:// to a loopback emulator)." }));
}
