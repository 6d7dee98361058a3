using System.Collections.Concurrent;
using AmplifyAuthHandlers.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AmplifyAuthHandlers.Tests.AspNetCore;

[TestFixture]
public sealed class CallerCredentialsSourceTests
{
    [Test]
    public async Task GetCredentialsAsync_ConcurrentCallers_EachOnlyEverGetsItsOwnCredentials()
    {
        const int Callers = 6;
        const int Iterations = 150;
        var (source, accessor, exchange) = Create(capacity: 4);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var wrong = new ConcurrentQueue<string>();

        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            accessor.HttpContext = AmplifyCallerTokenForwardingServiceCollectionExtensionsTests.Caller($"Bearer id-{caller}");
            await start.Task;
            for (var n = 0; n < Iterations; n++)
            {
                var credentials = await source.GetCredentialsAsync(CancellationToken.None);
                if (credentials.AccessKeyId != $"AKID-id-{caller}" || credentials.SessionToken != $"session-id-{caller}")
                {
                    wrong.Enqueue($"caller {caller} got {credentials.AccessKeyId} on iteration {n}");
                }

                await Task.Yield();
            }
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(callers);

        Assert.That(wrong, Is.Empty);
        Assert.That(exchange.Exchanges, Is.GreaterThanOrEqualTo(Callers));
    }

    [Test]
    public void GetCredentialsAsync_NoIdToken_ThrowsNotSignedInBeforeExchanging()
    {
        var (source, _, exchange) = Create();

        var ex = Assert.ThrowsAsync<AmplifyNotSignedInException>(async () => await source.GetCredentialsAsync(CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("AWS_IAM endpoints").And.Contain("HttpContext is null").And.Contain("not sent"));
        Assert.That(exchange.Exchanges, Is.Zero);
    }

    private static (CallerCredentialsSource Source, IHttpContextAccessor Accessor, FakeCallerCredentialsExchange Exchange) Create(int capacity = CallerCredentialsCache.DefaultCapacity)
    {
        var time = new FakeTimeProvider();
        var exchange = new FakeCallerCredentialsExchange(time);
        var services = new ServiceCollection();
        services.AddAmplifyCallerTokenForwarding();
        var provider = services.BuildServiceProvider(validateScopes: true);
        var accessor = provider.GetRequiredService<IHttpContextAccessor>();
        var source = new CallerCredentialsSource(provider.GetRequiredService<CallerTokenReader>(), new CallerCredentialsCache(time, capacity), exchange, "AddAmplifyCallerTokenForwarding()");
        return (source, accessor, exchange);
    }
}
