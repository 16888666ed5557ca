using ActorRuntime.Benchmarks.Runtimes;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1b: N producers each tell their own actor, 1,000,000 messages in all (N = cores, 100,
/// 10,000). Producers are preallocated thread-pool work items, so starting them allocates nothing.
/// Times are per message.
/// </summary>
public class TellManyToManyBenchmarks : RuntimeBenchmarks
{
    public const int Messages = 1_000_000;

    private readonly Countdown _done = new();
    private Producer[] _producers = [];

    [ParamsSource(nameof(ActorCounts))]
    public int Actors { get; set; }

    public static IEnumerable<int> ActorCounts => [Environment.ProcessorCount, 100, 10_000];

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task Channel() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task ActorRuntime() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Akka() => RunAsync();

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task Proto() => RunAsync();

    protected override void Prepare()
    {
        var perActor = Count(Messages, 10_000) / Actors;
        Runtime.SpawnCounters(Actors, perActor, _done);
        _producers = [.. Enumerable.Range(0, Actors).Select(index => new Producer(Runtime, index, perActor))];
    }

    private Task RunAsync()
    {
        var done = _done.Reset(_producers.Length);
        foreach (var producer in _producers)
        {
            ThreadPool.UnsafeQueueUserWorkItem(producer, preferLocal: false);
        }

        return done;
    }

    private sealed class Producer(BenchRuntime runtime, int index, int messages) : IThreadPoolWorkItem
    {
        public void Execute() => runtime.Tell(index, messages);
    }
}
