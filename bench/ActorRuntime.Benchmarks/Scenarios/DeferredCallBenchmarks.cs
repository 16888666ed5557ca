using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// Scenarios 3 and 4: the deferred call round trip — the actor takes the call, hands the work to
/// the thread pool and returns NoReply; the work reports back with a message and the actor replies
/// to the stored caller. 64,000 calls per run from 64 or 1,000 concurrent callers on one actor.
/// Times are per call.
/// </summary>
public class DeferredCallBenchmarks : RuntimeBenchmarks
{
    public const int Calls = 64_000;

    [Params(64, 1_000)]
    public int Callers { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task Channel() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task ActorRuntime() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Akka() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Proto() => RunAsync();

    protected override void Prepare() => Runtime.SpawnDeferred();

    private Task RunAsync() => RunCallersAsync(Callers, Count(Calls, 2_000) / Callers, Runtime.CallDeferredAsync);
}
