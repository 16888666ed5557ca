using ActorRuntime.Benchmarks.Runtimes;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>Scenario 1a: one producer thread tells 1,000,000 messages to one actor. Times are per message.</summary>
public class TellOneToOneBenchmarks : RuntimeBenchmarks
{
    public const int Messages = 1_000_000;

    private readonly Countdown _done = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task Channel() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task ActorRuntime() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Akka() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Proto() => RunAsync();

    protected override void Prepare() => Runtime.SpawnCounters(1, Count(Messages, 1_000), _done);

    private Task RunAsync()
    {
        var done = _done.Reset(1);
        Runtime.Tell(0, Count(Messages, 1_000));
        return done;
    }
}
