
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
}
