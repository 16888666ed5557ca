using System.Diagnostics;
using System.Globalization;
using ActorRuntime.Benchmarks.Runtimes;

namespace ActorRuntime.Benchmarks.Modes;

/// <summary>
/// Scenario 5b (<c>--memory</c>): managed bytes per idle actor, from <see cref="GC.GetTotalMemory(bool)"/>
/// after a full collection before and after spawning, for each runtime. A separate mode rather
/// than a BenchmarkDotNet job because it measures a heap, not a time.
/// </summary>
public static class IdleMemory
{
    public static readonly int[] DefaultCounts = [100_000, 1_000_000];

    /// <summary>Prints the table for the given counts and runtimes.</summary>
    /// <param name="args">Optional: a comma-separated list of actor counts, then runtime names.</param>
    /// <param name="output">Where the table goes.</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var counts = args.Count > 0
            ? [.. args[0].Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture))]
            : DefaultCounts;
        var runtimes = args.Count > 1 ? args.Skip(1).ToList() : BenchRuntime.AllNames;
        output.WriteLine($"Idle actors: managed bytes per actor after a full GC ({Environment.ProcessorCount} cores, .NET {Environment.Version})");
        output.WriteLine();
        output.WriteLine("\"After one message\": each actor was sent one message that it handled before the measurement.");
        output.WriteLine();
        output.WriteLine("| Runtime | Actors | State | Bytes/actor | Ratio to first row | Heap delta (MB) | Spawn time (s) |");
        output.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var touch in new[] { false, true })
        {
            foreach (var count in counts)
            {
                double? baseline = null;
                foreach (var name in runtimes)
                {
                    var (bytes, spawn) = await MeasureAsync(name, count, touch);
                    var perActor = (double)bytes / count;
                    baseline ??= perActor;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {name} | {count:N0} | {(touch ? "after one message" : "fresh")} | {perActor:N0} | {perActor / baseline:0.00} | {bytes / 1048576.0:N1} | {spawn.TotalSeconds:0.00} |"));
                }
            }
        }

        return 0;
    }

    /// <summary>Spawns <paramref name="count"/> idle actors and returns the managed heap they added.</summary>
    public static async Task<(long Bytes, TimeSpan Spawn)> MeasureAsync(string runtimeName, int count, bool touch = false)
    {
        var runtime = BenchRuntime.Create(runtimeName);
        try
        {
            await QuiesceAsync();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var clock = Stopwatch.StartNew();
            runtime.SpawnIdle(count, touch);
            await QuiesceAsync(); // let every actor finish starting and handling its message (on the pool)
            var spawn = clock.Elapsed;
            var after = GC.GetTotalMemory(forceFullCollection: true);
            GC.KeepAlive(runtime);
            return (after - before, spawn);
        }
        finally
        {
            await runtime.DisposeAsync();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }

    /// <summary>Waits until the thread pool has had no queued work for a few consecutive looks.</summary>
    private static async Task QuiesceAsync()
    {
        var quiet = 0;
        var clock = Stopwatch.StartNew();
        while (quiet < 5 && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
            quiet = ThreadPool.PendingWorkItemCount == 0 ? quiet + 1 : 0;
        }
    }
}
