using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5a: spawn 1,000 actors, then stop them all and wait until each is gone (Akka:
/// <c>GracefulStop</c>; Proto: <c>StopAsync</c>; a channel: complete it and await its loop).
/// Times are per actor.
/// </summary>
public class SpawnStopBenchmarks : RuntimeBenchmarks
{
    public const int Actors = 1_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Actors)]
    public Task Channel() => RunAsync();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task ActorRuntime() => RunAsync();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task Akka() => RunAsync();

    [Benchmark(OperationsPerInvoke = Actors)]
    public Task Proto() => RunAsync();

    protected override void Prepare()
    {
    }

    private Task RunAsync() => Runtime.SpawnAndStopAsync(Count(Actors, 100));
}
