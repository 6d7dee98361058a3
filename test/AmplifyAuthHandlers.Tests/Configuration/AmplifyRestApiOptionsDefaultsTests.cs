namespace AmplifyAuthHandlers.Tests.Configuration;

/// <summary>The public options' defaults are the ones their XML docs promise (each <c>&lt;value&gt;</c>).</summary>
[TestFixture]
public sealed class AmplifyRestApiOptionsDefaultsTests
{
    [Test]
    public void AmplifyRestApiOptions_New_HasNoEndpointsNoPoolsAndNoStaticKeys()
    {
        var options = new AmplifyRestApiOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Endpoints, Is.Empty);
            Assert.That(options.Auth.UserPool, Is.Null);
            Assert.That(options.Auth.IdentityPool, Is.Null);
            Assert.That(options.Auth.TokenRefreshWindow, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That((options.Credentials.AccessKeyId, options.Credentials.SecretAccessKey, options.Credentials.SessionToken), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
            Assert.That(options.Credentials.UseAwsSdkCredentialChain, Is.False);
            Assert.That(options.Credentials.RefreshWindow, Is.EqualTo(TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    public void AmplifyAuthOptionsAndAwsCredentialsOptions_New_AreTheDocumentedDefaults()
    {
        var auth = new AmplifyAuthOptions();
        var credentials = new AwsCredentialsOptions();

        Assert.That((auth.UserPool, auth.IdentityPool, auth.TokenRefreshWindow), Is.EqualTo(((CognitoUserPoolOptions?)null, (CognitoIdentityPoolOptions?)null, TimeSpan.FromMinutes(5))));
        Assert.That((credentials.UseAwsSdkCredentialChain, credentials.RefreshWindow), Is.EqualTo((false, TimeSpan.FromMinutes(5))));
    }

    [Test]
    public void AmplifyRestEndpointOptions_New_AreTheDocumentedDefaults()
    {
        var endpoint = new AmplifyRestEndpointOptions();

        Assert.Multiple(() =>
        {
            Assert.That(endpoint.Endpoint, Is.Null);
            Assert.That(endpoint.Region, Is.Null);
            Assert.That(endpoint.AuthorizationType, Is.EqualTo(AmplifyAuthorizationType.AwsIam));
            Assert.That(endpoint.ApiKey, Is.Null);
            Assert.That(endpoint.Headers, Is.Empty);
            Assert.That(endpoint.HeaderProvider, Is.Null);
            Assert.That(endpoint.AllowCrossOriginRequests, Is.False);
            Assert.That(endpoint.TokenType, Is.EqualTo(AmplifyUserPoolTokenType.Access));
            Assert.That(endpoint.BearerPrefix, Is.False);
            Assert.That(endpoint.MaxBufferedRequestBodyBytes, Is.EqualTo(10_485_760));
            Assert.That(endpoint.Resilience.Enabled, Is.True);
            Assert.That(endpoint.Resilience.MaxRetryAttempts, Is.EqualTo(2));
            Assert.That(endpoint.Resilience.RetryNonIdempotent, Is.False);
            Assert.That(endpoint.Resilience.AttemptTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
            Assert.That(endpoint.Resilience.TotalTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)));
        });

        endpoint.Headers["X-Tenant"] = "a";
        Assert.That(endpoint.Headers["x-tenant"], Is.EqualTo("a"), "header names ignore case");
    }

    [Test]
    public void PoolOptions_New_AreTheDocumentedDefaults()
    {
        var userPool = new CognitoUserPoolOptions();
        var identityPool = new CognitoIdentityPoolOptions();

        Assert.Multiple(() =>
        {
            Assert.That((userPool.PoolId, userPool.AppClientId, userPool.AppClientSecret, userPool.Region, userPool.Endpoint), Is.EqualTo(((string?)null, (string?)null, (string?)null, (string?)null, (Uri?)null)));
            Assert.That(userPool.AuthenticationFlowType, Is.EqualTo("USER_SRP_AUTH"));
            Assert.That((identityPool.PoolId, identityPool.Region, identityPool.Endpoint, identityPool.StsEndpoint), Is.EqualTo(((string?)null, (string?)null, (Uri?)null, (Uri?)null)));
            Assert.That((identityPool.UnauthenticatedRoleArn, identityPool.AuthenticatedRoleArn), Is.EqualTo(((string?)null, (string?)null)));
        });
    }

    [Test]
    public void AddEndpoint_NameUriAndType_RegistersAndReturnsTheEndpointReplacingAnEarlierOne()
    {
        var options = new AmplifyRestApiOptions();
        options.AddEndpoint("orders", new Uri("https://old.example.com/dev"), AmplifyAuthorizationType.None);

        var endpoint = options.AddEndpoint("orders", new Uri("https://api.example.com/dev"), AmplifyAuthorizationType.ApiKey);

        Assert.That(options.Endpoints["orders"], Is.SameAs(endpoint));
        Assert.That(options.Endpoints, Has.Count.EqualTo(1));
        Assert.That((endpoint.Endpoint, endpoint.AuthorizationType), Is.EqualTo((new Uri("https://api.example.com/dev"), AmplifyAuthorizationType.ApiKey)));
        Assert.That(options.Endpoints.ContainsKey("Orders"), Is.False, "endpoint names are case-sensitive, as in Amplify's files");
    }

    [Test]
    public void AddEndpoint_MissingArguments_ThrowNamingTheParameter()
    {
        var options = new AmplifyRestApiOptions();

        Assert.That(Assert.Throws<ArgumentException>(() => options.AddEndpoint(" ", new Uri("https://a.example.com"), AmplifyAuthorizationType.None))!.ParamName, Is.EqualTo("name"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => options.AddEndpoint("a", null!, AmplifyAuthorizationType.None))!.ParamName, Is.EqualTo("endpoint"));
        Assert.That(options.Endpoints, Is.Empty);
    }
}
