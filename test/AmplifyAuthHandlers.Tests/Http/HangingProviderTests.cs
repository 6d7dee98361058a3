using AmplifyAuthHandlers.Signing;
using AmplifyAuthHandlers.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AmplifyAuthHandlers.Tests.Http;

/// <summary>
/// User code the chain awaits (credentials, token, header and logins providers, token stores) that never completes
/// and ignores its token: the request still ends when its own token is cancelled (HttpClient.Timeout cancels the
/// same way). Each test cancels only after the provider was entered, so nothing depends on timing; the guard on
/// the send only turns a hang into a failure instead of a stuck run.
/// </summary>
[TestFixture]
public sealed class HangingProviderTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Test]
    public async Task SendAsync_AwsIamCredentialsProviderThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        var provider = new HangingCredentialsProvider();
        using var host = AmplifyTestHost.Create(
            o => o.AddEndpoint("orders", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam),
            (builder, _) => builder.AddAwsCredentialsProvider(provider));

        await AssertEndsOnCancellationAsync(host.Client("orders"), provider.Entered.Task);
    }

    [Test]
    public async Task SendAsync_UserPoolTokenStoreThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        var store = new HangingTokenStore();
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.Auth.UserPool = new CognitoUserPoolOptions { PoolId = "us-west-2_pool", AppClientId = "client-id" };
            o.AddEndpoint("orders", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AmazonCognitoUserPools);
        }).UseTokenStore(store);
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);

        await AssertEndsOnCancellationAsync(host.Client("orders"), store.Entered.Task);
    }

    [Test]
    public async Task SendAsync_OidcTokenProviderThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        var provider = new HangingTokenProvider();
        var services = new ServiceCollection();
        services.AddSingleton(provider);
        var builder = services.AddAmplifyRestApi(o => o.AddEndpoint("search", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.OpenIdConnect))
            .AddOidcTokenProvider<HangingTokenProviderAdapter>();
        using var host = AmplifyTestHost.Build(services, builder, null, ["search"]);

        await AssertEndsOnCancellationAsync(host.Client("search"), provider.Entered.Task);
    }

    [Test]
    public async Task SendAsync_FunctionTokenProviderThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = AmplifyTestHost.Create(
            o => o.AddEndpoint("fn", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsLambda),
            (builder, _) => builder.AddFunctionTokenProvider(_ =>
            {
                entered.TrySetResult();
                return new ValueTask<string?>(never.Task);
            }));

        await AssertEndsOnCancellationAsync(host.Client("fn"), entered.Task);
    }

    [Test]
    public async Task SendAsync_HeaderProviderThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<IEnumerable<KeyValuePair<string, string>>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = AmplifyTestHost.Create(o => o.AddEndpoint("open", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.None).HeaderProvider = (_, _) =>
        {
            entered.TrySetResult();
            return new ValueTask<IEnumerable<KeyValuePair<string, string>>>(never.Task);
        });

        await AssertEndsOnCancellationAsync(host.Client("open"), entered.Task);
    }

    [Test]
    public async Task SendAsync_CognitoLoginsProviderThatNeverCompletes_EndsWhenTheRequestIsCancelled()
    {
        HangingLoginsProvider.Reset();
        var services = new ServiceCollection();
        var builder = services.AddAmplifyRestApi(o =>
        {
            o.Auth.IdentityPool = new CognitoIdentityPoolOptions { PoolId = "us-west-2:11111111-2222-3333-4444-555555555555", Region = "us-west-2" };
            o.AddEndpoint("orders", new Uri(AmplifyTestHost.StageEndpoint), AmplifyAuthorizationType.AwsIam);
        }).AddCognitoLoginsProvider<HangingLoginsProvider>();
        using var host = AmplifyTestHost.Build(services, builder, null, ["orders"]);

        await AssertEndsOnCancellationAsync(host.Client("orders"), HangingLoginsProvider.Entered.Task);
    }

    private static async Task AssertEndsOnCancellationAsync(HttpClient client, Task providerEntered)
    {
        using var cancellation = new CancellationTokenSource();
        var send = client.GetAsync(new Uri("items", UriKind.Relative), cancellation.Token);
        await providerEntered.WaitAsync(HangGuard);

        await cancellation.CancelAsync();

        var ended = send.WaitAsync(HangGuard);
        Assert.That(async () => await ended, Throws.InstanceOf<OperationCanceledException>(), "the request ends with a cancellation, not a hang (a TimeoutException here means it hung)");
    }

    private sealed class HangingCredentialsProvider : IAwsCredentialsProvider
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken = default)
        {
            Entered.TrySetResult();
            return new ValueTask<AwsCredentials>(new TaskCompletionSource<AwsCredentials>().Task);
        }
    }

    private sealed class HangingTokenStore : IAmplifyTokenStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<UserPoolTokens?> LoadAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            return new ValueTask<UserPoolTokens?>(new TaskCompletionSource<UserPoolTokens?>().Task);
        }

        public ValueTask SaveAsync(UserPoolTokens tokens, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask ClearAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private sealed class HangingTokenProvider
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class HangingTokenProviderAdapter(HangingTokenProvider state) : IAmplifyTokenProvider
    {
        public ValueTask<string?> GetTokenAsync(AmplifyTokenContext context, CancellationToken cancellationToken)
        {
            state.Entered.TrySetResult();
            return new ValueTask<string?>(new TaskCompletionSource<string?>().Task);
        }
    }

    private sealed class HangingLoginsProvider : ICognitoLoginsProvider
    {
        public static TaskCompletionSource Entered { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static void Reset() => Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<CognitoLogins> GetLoginsAsync(CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            return new ValueTask<CognitoLogins>(new TaskCompletionSource<CognitoLogins>().Task);
        }
    }
}
