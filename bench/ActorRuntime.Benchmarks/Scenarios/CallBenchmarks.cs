using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: call round trip with an immediate reply — GenServer <c>Reply</c>, Akka <c>Ask</c>,
/// Proto <c>RequestAsync</c>, a <see cref="TaskCompletionSource{TResult}"/> through a channel —
/// 12,800 calls per run from 1 or 64 concurrent callers. Times are per call.
/// </summary>
public class CallBenchmarks : RuntimeBenchmarks
{
    public const int Calls = 12_800;

    [Params(1, 64)]
    public int Callers { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public Task Channel() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task ActorRuntime() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Akka() => RunAsync();

    [Benchmark(OperationsPerInvoke = Calls)]
    public Task Proto() => RunAsync();

    protected override void Prepare() => Runtime.SpawnEcho();

    private Task RunAsync() => RunCallersAsync(Callers, Count(Calls, 128) / Callers, Runtime.CallEchoAsync);
}
