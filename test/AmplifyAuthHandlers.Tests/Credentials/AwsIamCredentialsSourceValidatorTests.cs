using AmplifyAuthHandlers.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AmplifyAuthHandlers.Tests.Credentials;

/// <summary>Start-up validation of AWS_IAM endpoints' credential sources, alone and through AddAmplifyRestApi's ValidateOnStart.</summary>
[TestFixture]
public sealed class AwsIamCredentialsSourceValidatorTests
{
    private const string NoSource = "Endpoint 'items': authorizationType AWS_IAM has no AWS credentials source. Configure an identity pool (CredentialsProvider.CognitoIdentity.Default or Auth:IdentityPool), static keys (Credentials:AccessKeyId and SecretAccessKey), the AWS SDK chain (UseAwsSdkCredentials() from the AmplifyAuthHandlers.AwsSdk package), or register an IAwsCredentialsProvider.";

    private static AmplifyRestApiOptions IamOptions(params string[] endpoints)
    {
        var options = new AmplifyRestApiOptions();
        foreach (var name in endpoints.Length == 0 ? ["items"] : endpoints)
        {
            options.AddEndpoint(name, new Uri($"https://{name}.execute-api.us-west-2.amazonaws.com/dev"), AmplifyAuthorizationType.AwsIam);
        }

        return options;
    }

    private static ValidateOptionsResult Validate(AmplifyRestApiOptions options, Action<IServiceCollection>? register = null)
    {
        var services = new ServiceCollection();
        register?.Invoke(services);
        using var provider = services.BuildServiceProvider();
        return new AwsIamCredentialsSourceValidator(provider).Validate(null, options);
    }

    private static IAwsCredentialsProvider Static() => new StaticAwsCredentialsProvider(new AwsCredentials("AKIDREGISTERED", "registered-secret"));

    [Test]
    public void Validate_NoSourceAtAll_FailsNamingTheEndpointAndTheWaysToFixIt()
    {
        var result = Validate(IamOptions());

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Is.EqualTo(new[] { NoSource }));
    }

    [Test]
    public void Validate_OnlyARegisteredProviderForAll_Succeeds()
    {
        var result = Validate(IamOptions(), s => s.AddSingleton(Static()));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_OnlyAProviderRegisteredForThatEndpoint_Succeeds()
    {
        var result = Validate(IamOptions(), s => s.AddKeyedSingleton("items", Static()));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_ProviderRegisteredForAnotherEndpoint_FailsForTheUncoveredOneOnly()
    {
        var result = Validate(IamOptions("items", "orders"), s => s.AddKeyedSingleton("orders", Static()));

        Assert.That(result.Failures, Is.EqualTo(new[] { NoSource }));
    }

    [Test]
    public void Validate_TwoEndpointsWithoutSource_ReportsBoth()
    {
        var result = Validate(IamOptions("items", "orders"));

        Assert.That(result.Failures!.ToList(), Has.Count.EqualTo(2));
        Assert.That(result.Failures, Has.Some.StartsWith("Endpoint 'orders': authorizationType AWS_IAM has no AWS credentials source."));
    }

    [TestCase(AmplifyAuthorizationType.None)]
    [TestCase(AmplifyAuthorizationType.ApiKey)]
    public void Validate_EndpointThatIsNotAwsIam_NeedsNoSource(AmplifyAuthorizationType type)
    {
        var options = new AmplifyRestApiOptions();
        options.AddEndpoint("items", new Uri("https://items.example.com/"), type);

        Assert.That(Validate(options).Succeeded, Is.True);
    }

    [Test]
    public void Validate_AuthorizationTypeUnreadable_IsLeftToTheOptionsValidator()
    {
        var options = IamOptions();
        options.Endpoints["items"].AuthorizationTypeUnreadable = true;

        Assert.That(Validate(options).Succeeded, Is.True, "the unreadable type is reported once, by the options validator");
    }

    [Test]
    public void Validate_BlankEndpointName_IsLeftToTheOptionsValidator()
    {
        var options = new AmplifyRestApiOptions();
        options.Endpoints[" "] = new AmplifyRestEndpointOptions { Endpoint = new Uri("https://items.example.com/"), AuthorizationType = AmplifyAuthorizationType.AwsIam };

        Assert.That(Validate(options).Succeeded, Is.True);
    }

    [Test]
    public void Validate_NullOptions_Throws() =>
        Assert.Throws<ArgumentNullException>(() => new AwsIamCredentialsSourceValidator(new ServiceCollection().BuildServiceProvider()).Validate(null, null!));

    [TestCase("AKIDONLY", null, TestName = "Validate_OnlyAccessKeyId_FailsNamingBothKeys")]
    [TestCase(null, "secret-only", TestName = "Validate_OnlySecretAccessKey_FailsNamingBothKeys")]
    [TestCase("AKIDONLY", " ", TestName = "Validate_AccessKeyIdAndBlankSecret_FailsNamingBothKeys")]
    public void Validate_HalfConfiguredStaticKeys_Fails(string? accessKeyId, string? secret)
    {
        var options = IamOptions();
        options.Credentials.AccessKeyId = accessKeyId;
        options.Credentials.SecretAccessKey = secret;
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:00000000-0000-0000-0000-000000000000" };

        var result = Validate(options);

        Assert.That(result.Failures, Is.EqualTo(new[] { "Endpoint 'items': static AWS credentials need both AccessKeyId and SecretAccessKey (Credentials section)." }), "half-set keys are an error even when an identity pool could serve");
    }

    [Test]
    public void Validate_BothStaticKeys_Succeeds()
    {
        var options = IamOptions();
        options.Credentials.AccessKeyId = "AKIDSTATIC";
        options.Credentials.SecretAccessKey = "static-secret";

        Assert.That(Validate(options).Succeeded, Is.True);
    }

    [TestCase("us-west-2:00000000-0000-0000-0000-000000000000", null)]
    [TestCase("00000000-0000-0000-0000-000000000000", "eu-west-1")]
    public void Validate_IdentityPoolWithARegion_Succeeds(string poolId, string? region)
    {
        var options = IamOptions();
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = poolId, Region = region };

        Assert.That(Validate(options).Succeeded, Is.True);
    }

    [TestCase("00000000-0000-0000-0000-000000000000", null)]
    [TestCase(":00000000-0000-0000-0000-000000000000", null)]
    [TestCase("us-west-2:00000000-0000-0000-0000-000000000000", "not a region")]
    public void Validate_IdentityPoolWithoutAUsableRegion_FailsNamingThePoolId(string poolId, string? region)
    {
        var options = IamOptions();
        options.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = poolId, Region = region };

        var result = Validate(options);

        Assert.That(result.Failures, Is.EqualTo(new[] { $"Endpoint 'items': the identity pool ID '{poolId}' (CredentialsProvider.CognitoIdentity.Default.PoolId) is not '<region>:<id>' and no Region is set." }));
    }

    [Test]
    public void Validate_SdkChainOnAndRegistered_Succeeds()
    {
        var options = IamOptions();
        options.Credentials.UseAwsSdkCredentialChain = true;

        var result = Validate(options, s => s.AddSingleton(new AwsCredentialChainRegistration(_ => Static())));

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_SdkChainOnButNotRegistered_FailsNamingThePackage()
    {
        var options = IamOptions();
        options.Credentials.UseAwsSdkCredentialChain = true;

        var result = Validate(options);

        Assert.That(result.Failures, Is.EqualTo(new[] { "Endpoint 'items': Credentials:UseAwsSdkCredentialChain is true, but no credential chain is registered. Add the AmplifyAuthHandlers.AwsSdk package and call UseAwsSdkCredentials() on the builder AddAmplifyRestApi returns." }));
    }

    [Test]
    public void Validate_SdkChainRegisteredButTurnedOff_FailsAsWithoutSource()
    {
        var options = IamOptions();

        var result = Validate(options, s => s.AddSingleton(new AwsCredentialChainRegistration(_ => Static())));

        Assert.That(result.Failures, Is.EqualTo(new[] { NoSource }));
    }

    [Test]
    public void StartupValidation_AwsIamEndpointWithOnlyARegisteredProviderType_Passes()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("items", new Uri(TestSupport.AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam))
            .AddAwsCredentialsProvider<RegisteredProvider>();
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
    }

    [Test]
    public void StartupValidation_AwsIamEndpointWithoutAnySource_FailsNamingTheEndpoint()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o => o.AddEndpoint("items", new Uri(TestSupport.AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam));
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Failures, Has.Some.EqualTo(NoSource));
    }

    [Test]
    public void StartupValidation_OnlyAccessKeyIdInConfiguration_FailsNamingTheKeys()
    {
        var services = new ServiceCollection();
        services.AddAmplifyRestApi(o =>
        {
            o.AddEndpoint("items", new Uri(TestSupport.AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam);
            o.Credentials.AccessKeyId = "AKIDONLY";
        });
        using var provider = services.BuildServiceProvider(validateScopes: true);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("'items'").And.Contain("AccessKeyId and SecretAccessKey").And.Not.Contain("AKIDONLY"));
    }

    private sealed class RegisteredProvider : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default) => new(new AwsCredentials("AKIDTYPE", "type-secret"));
    }
}
