
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

    [TestCase(0L)]
    [TestCase(-5L)]
    [TestCase(2_147_483_592L)]
    public void Validate_MaxBufferedRequestBodyBytesOutOfRange_IsRefusedNamingTheEndpoint(long value) =>
        Assert.That(
            Problems(o => o.AddEndpoint("a", new Uri(Stage), AmplifyAuthorizationType.AwsIam).MaxBufferedRequestBodyBytes = value),
            Has.One.Contains("Endpoint 'a': MaxBufferedRequestBodyBytes").And.Contains("out of range"));
}
