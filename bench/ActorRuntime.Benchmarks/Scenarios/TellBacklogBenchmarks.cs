using ActorRuntime.Benchmarks.Runtimes;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1c: one actor works off a backlog of 1,000,000 tells queued while it was blocked — the
/// receiving side's cost per message on its own, with no sender running beside it. Each iteration
/// blocks the actor and fills its mailbox (not timed); the benchmark times releasing it until the
/// last message is handled. Times are per message.
/// </summary>
public class TellBacklogBenchmarks : RuntimeBenchmarks
{
    public const int Messages = 1_000_000;

    private readonly Countdown _done = new();
    private readonly Gate _gate = new();
    private Task _drained = Task.CompletedTask;
    private bool _queued;

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task Channel() => DrainAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task ActorRuntime() => DrainAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Akka() => DrainAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Proto() => DrainAsync();

    /// <summary>Blocks the actor, then queues the backlog behind the blocking message.</summary>
    [IterationSetup]
    public void QueueBacklog()
    {
        _gate.Close();
        _drained = _done.Reset(1);
        Runtime.Block(0, _gate);
        Runtime.Tell(0, Backlog);
        _queued = true;
    }

    protected override void Prepare() => Runtime.SpawnCounters(1, Backlog, _done);

    private int Backlog => Count(Messages, 1_000);

    private Task DrainAsync()
    {
        if (!_queued)
        {
            throw new InvalidOperationException("No backlog is queued: QueueBacklog must run before each invocation, as [IterationSetup] does.");
        }

        _queued = false;
        _gate.Open();
        return _drained;
    }
}
