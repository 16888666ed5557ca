using ActorRuntime.Benchmarks.Probes;
using ActorRuntime.Benchmarks.Runtimes;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Scenarios;

/// <summary>
/// A scenario measured on every runtime. Subclasses declare four benchmarks named <c>Channel</c>
/// (the baseline), <c>ActorRuntime</c>, <c>Akka</c> and <c>Proto</c>; each gets only its own
/// runtime started, so an idle peer never competes for the two cores.
/// </summary>
[MemoryDiagnoser]
public abstract class RuntimeBenchmarks
{
    /// <summary>The runtime the current benchmark drives.</summary>
    protected BenchRuntime Runtime { get; private set; } = null!;

    /// <summary>Tiny counts for the smoke run (<c>--smoke</c>), which only checks that every scenario completes.</summary>
    public bool Smoke { get; set; }

    [GlobalSetup(Target = "Channel")]
    public void SetupChannel() => StartProbed(new ChannelRuntime());

    [GlobalSetup(Target = "ActorRuntime")]
    public void SetupActorRuntime() => StartProbed(new GenServerRuntime());

    [GlobalSetup(Target = "Akka")]
    public void SetupAkka() => StartProbed(new AkkaRuntime());

    [GlobalSetup(Target = "Proto")]
    public void SetupProto() => StartProbed(new ProtoRuntime());

    [GlobalCleanup]
    public async Task CleanupProbedAsync()
    {
        CoreToCoreColumn.Record(this, Runtime.Name, "after", CoreToCoreProbe.MeasureNanoseconds());
        await CleanupAsync();
    }

    /// <summary>Disposes the runtime.</summary>
    public async Task CleanupAsync() => await Runtime.DisposeAsync();

    /// <summary>Starts <paramref name="runtime"/> and spawns the scenario's actors on it.</summary>
    public void Start(BenchRuntime runtime)
    {
        Runtime = runtime;
        Prepare();
    }

    /// <summary>
    /// BenchmarkDotNet's start: measures the cores' round trip for the report (<see cref="CoreToCoreColumn"/>),
    /// waiting for a fast one first if <see cref="CoreToCoreProbe.WaitVariable"/> asks to, then starts.
    /// </summary>
    private void StartProbed(BenchRuntime runtime)
    {
        CoreToCoreColumn.Record(this, runtime.Name, "before", CoreToCoreProbe.MeasureWaitingIfAsked(Console.Out));
        Start(runtime);
    }

    /// <summary>Spawns the actors the scenario drives.</summary>
    protected abstract void Prepare();

    /// <summary><paramref name="full"/> in a real run, <paramref name="smoke"/> in the smoke run.</summary>
    protected int Count(int full, int smoke) => Smoke ? smoke : full;

    /// <summary>Starts <paramref name="callers"/> concurrent callers that each make <paramref name="calls"/> calls in a row.</summary>
    protected static Task RunCallersAsync(int callers, int calls, Func<Task> call)
    {
        var running = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            running[i] = Task.Run(async () =>
            {
                for (var n = 0; n < calls; n++)
                {
                    await call();
                }
            });
        }

        return Task.WhenAll(running);
    }
}
