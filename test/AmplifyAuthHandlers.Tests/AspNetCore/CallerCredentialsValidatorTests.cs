namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CallerCredentialsValidatorTests
{
    private const string RegisteredBy = "AddAmplifyCallerTokenForwarding()";
    private const string NoPool = "AddAmplifyCallerTokenForwarding() exchanges the caller's ID token for AWS_IAM endpoints, which needs an identity pool with a region (CredentialsProvider.CognitoIdentity.Default or Auth:IdentityPool: PoolId '<region>:<id>').";
    private const string NoUserPool = "AddAmplifyCallerTokenForwarding() exchanges the caller's ID token for AWS_IAM endpoints, which needs the user pool that issued it (CognitoUserPool.Default or Auth:UserPool: PoolId '<region>_<id>').";

    private static AmplifyRestApiOptions Options(params (string Name, AmplifyAuthorizationType Type)[] endpoints)
    {
        var options = new AmplifyRestApiOptions();
        foreach (var (name, type) in endpoints)
        {
            options.AddEndpoint(name, new Uri($"https://{name}.execute-api.us-west-2.amazonaws.com/dev"), type);
        }

        return options;
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(AmplifyRestApiOptions options) => new CallerCredentialsValidator(RegisteredBy).Validate(null, options);

    [Test]
    public void Validate_OneIamEndpointWithoutIdentityPool_NamesItInTheSingular()
    {
        var result = Validate(Options(("orders", AmplifyAuthorizationType.AwsIam), ("open", AmplifyAuthorizationType.None)));

        Assert.That(result.Failures, Is.EqualTo(new[] { $"AWS_IAM endpoint 'orders': {NoPool}" }));
    }

    [Test]
    public void Validate_TwoIamEndpoints_NamesBothInOrdinalOrder()
    {
        var result = Validate(Options(("orders", AmplifyAuthorizationType.AwsIam), ("Items", AmplifyAuthorizationType.AwsIam)));

        Assert.That(result.Failures, Is.EqualTo(new[] { $"AWS_IAM endpoints 'Items', 'orders': {NoPool}" }));
    }

    [Test]
    public void Validate_IdentityPoolWithoutUserPool_SaysTheUserPoolIsNeeded()
    {
        var options = Options(("orders", AmplifyAuthorizationType.AwsIam));
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:pool" };

        Assert.That(Validate(options).Failures, Is.EqualTo(new[] { $"AWS_IAM endpoint 'orders': {NoUserPool}" }));
    }

    [Test]
    public void Validate_IdentityPoolWithoutRegion_SaysARegionIsNeeded()
    {
        var options = Options(("orders", AmplifyAuthorizationType.AwsIam));
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "pool-without-region" };
        options.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client" };

        Assert.That(Validate(options).Failures, Is.EqualTo(new[] { $"AWS_IAM endpoint 'orders': {NoPool}" }));
    }

    [Test]
    public void Validate_BothPools_Succeeds()
    {
        var options = Options(("orders", AmplifyAuthorizationType.AwsIam));
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:pool" };
        options.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client" };

        Assert.That(Validate(options).Succeeded, Is.True);
    }

    [Test]
    public void Validate_NoIamEndpoint_SucceedsWithoutAnyPool() =>
        Assert.That(Validate(Options(("open", AmplifyAuthorizationType.None), ("key", AmplifyAuthorizationType.ApiKey))).Succeeded, Is.True);

    [Test]
    public void Validate_NullOptions_Throws() =>
        Assert.That(() => new CallerCredentialsValidator(RegisteredBy).Validate(null, null!), Throws.ArgumentNullException);
}
