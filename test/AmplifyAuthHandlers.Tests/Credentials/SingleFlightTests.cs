using System.Runtime.CompilerServices;

namespace AmplifyAuthHandlers.Tests.Credentials;

[TestFixture]
public sealed class SingleFlightTests
{
    private static readonly AsyncLocal<string?> Ambient = new();

    [Test]
    public async Task Join_WhileRunning_ReturnsTheRunningWorkAndStartsNothing()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var first = flight.Join(() => { started++; return gate.Task; });
        var second = flight.Join(() => { started++; return Task.FromResult(2); });
        gate.SetResult(1);

        Assert.That(second, Is.SameAs(first));
        Assert.That(await second, Is.EqualTo(1));
        Assert.That(started, Is.EqualTo(1));
    }

    [Test]
    public async Task Join_AfterTheWorkSucceeded_StartsNewWork()
    {
        var flight = new SingleFlight<int>();

        var first = await flight.Join(() => Task.FromResult(1));
        var second = await flight.Join(() => Task.FromResult(2));

        Assert.That((first, second), Is.EqualTo((1, 2)));
    }

    [Test]
    public async Task Join_AfterTheWorkFailed_HandsTheFailureToItsWaitersAndStartsAfresh()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = flight.Join(() => gate.Task);
        var joined = flight.Join(() => Task.FromResult(0));
        gate.SetException(new InvalidOperationException("refused"));

        var ex = Assert.ThrowsAsync<InvalidOperationException>(() => joined);
        Assert.That(ex!.Message, Is.EqualTo("refused"));
        Assert.That(first.IsFaulted, Is.True);
        Assert.That(await flight.Join(() => Task.FromResult(3)), Is.EqualTo(3), "a failure is not cached");
    }

    [Test]
    public async Task Join_FirstCallersAmbientState_IsNotVisibleInsideTheSharedWork()
    {
        var flight = new SingleFlight<string?>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string?> first;
        Ambient.Value = "caller-1";
        try
        {
            first = flight.Join(async () =>
            {
                await gate.Task;
                return Ambient.Value ?? "(none)";
            });
        }
        finally
        {
            Ambient.Value = null;
        }

        gate.SetResult();

        Assert.That(await first, Is.EqualTo("(none)"), "the work after its first await runs without the starting caller's ExecutionContext");
    }

    [Test]
    public async Task Join_FlowAlreadySuppressed_StartsTheWork()
    {
        var flight = new SingleFlight<int>();
        Task<int> running;
        using (ExecutionContext.SuppressFlow())
        {
            running = flight.Join(async () =>
            {
                await Task.Yield();
                return 7;
            });
        }

        Assert.That(await running, Is.EqualTo(7));
    }

    [Test]
    public async Task Join_JoinerGivesUp_TheFirstCallerStillGetsTheResult()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource();

        var first = flight.Join(() => gate.Task);
        var second = flight.Join(() => Task.FromResult(0)).WaitAsync(cancel.Token);
        await cancel.CancelAsync();
        gate.SetResult(5);

        Assert.ThrowsAsync<TaskCanceledException>(() => second);
        Assert.That(await first, Is.EqualTo(5));
    }

    [Test]
    public void Join_FailureNobodyWaitsFor_IsObserved()
    {
        var unobserved = 0;
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.InnerExceptions.Any(x => x.Message == "background failure"))
            {
                Interlocked.Increment(ref unobserved);
            }
        }

        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            StartAndForget();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }

        Assert.That(unobserved, Is.Zero);
    }

    /// <summary>Work that fails before its first await fails while Join runs; the task is then dropped unobserved.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartAndForget()
    {
        var flight = new SingleFlight<int>();
        var task = flight.Join(() => throw new InvalidOperationException("background failure"));
        Assert.That(task.IsFaulted, Is.True);
    }
}
