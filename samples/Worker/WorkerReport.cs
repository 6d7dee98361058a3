using System.Collections.Concurrent;

namespace Samples.Worker;

/// <summary>What the worker did, for <see cref="WorkerSample.RunAsync"/> to hand back.</summary>
internal sealed class WorkerReport(SampleUser? user)
{
    public SampleUser? User { get; } = user;

    public ConcurrentQueue<WorkerCall> Calls { get; } = new();

    public Exception? Failure { get; set; }
}
