using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ActorRuntime.Benchmarks.Probes;
using ActorRuntime.Benchmarks.Runtimes;
using ActorRuntime.Benchmarks.Scenarios;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Modes;

/// <summary>
/// <c>--run Scenario Runtime [Param=value] [seconds] [--trace]</c>: repeats one benchmark at full size for a
/// few seconds and prints time and allocation per operation plus GC counts — a fast loop for
/// profiling (attach <c>dotnet-counters</c> or <c>dotnet-trace</c> to it), not a substitute for
/// BenchmarkDotNet's statistics. <c>--trace</c> also prints, twice a second, the median invocation and the
/// cores' round trip measured between two invocations, to tell the host's slow windows from the runtime's.
/// </summary>
public static class QuickRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var scenario = typeof(RuntimeBenchmarks).Assembly.GetTypes()
            .Single(type => type.Name.Equals(args[0] + "Benchmarks", StringComparison.OrdinalIgnoreCase));
        var benchmark = scenario.GetMethod(args[1])!;
        var operations = benchmark.GetCustomAttribute<BenchmarkAttribute>()!.OperationsPerInvoke;
        var instance = (RuntimeBenchmarks)Activator.CreateInstance(scenario)!;
        var seconds = 5.0;
        var trace = false;
        var exactInvocations = -1; // --invocations N: exactly N timed invocations (for instruction counts under valgrind)
        var rest = args.Skip(2).ToList();
        for (var i = 0; i < rest.Count; i++)
        {
            var arg = rest[i];
            if (arg == "--trace")
            {
                trace = true;
            }
            else if (arg == "--invocations")
            {
                exactInvocations = int.Parse(rest[++i], CultureInfo.InvariantCulture);
            }
            else if (arg.Split('=') is [var name, var value])
            {
                var property = scenario.GetProperty(name)!;
                property.SetValue(instance, Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture));
            }
            else
            {
                seconds = double.Parse(arg, CultureInfo.InvariantCulture);
            }
        }

        var probedBefore = CoreToCoreProbe.MeasureWaitingIfAsked(output);
        instance.Start(BenchRuntime.Create(args[1]));
        var setup = SmokeRun.IterationSetup(scenario);
        setup?.Invoke(instance, null);
        await (Task)benchmark.Invoke(instance, null)!; // warm up
        var gcs = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var invocations = 0;
        var interval = new List<double>(); // --trace: ns/op of each invocation since the last line
        var lastLine = clock.Elapsed;
        long setupAllocated = 0;
        while (exactInvocations >= 0 ? invocations < exactInvocations : clock.Elapsed.TotalSeconds < seconds)
        {
            if (setup is not null)
            {
                clock.Stop(); // neither the setup's time nor its allocations are the benchmark's
                var before = GC.GetTotalAllocatedBytes(precise: true);
                setup.Invoke(instance, null);
                setupAllocated += GC.GetTotalAllocatedBytes(precise: true) - before;
                clock.Start();
            }

            var lap = Stopwatch.GetTimestamp();
            await (Task)benchmark.Invoke(instance, null)!;
            invocations++;
            if (trace)
            {
                interval.Add(Stopwatch.GetElapsedTime(lap).TotalNanoseconds / operations);
                if (clock.Elapsed - lastLine >= TimeSpan.FromMilliseconds(500))
                {
                    clock.Stop(); // the probe runs between invocations, while the benchmark's threads are idle
                    interval.Sort();
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{DateTime.UtcNow:HH:mm:ss.f} median {interval[interval.Count / 2]:0.0} ns/op over {interval.Count} invocations, "
                        + $"core-core RTT {CoreToCoreProbe.Describe(CoreToCoreProbe.MeasureNanoseconds())}"));
                    interval.Clear();
                    clock.Start();
                    lastLine = clock.Elapsed;
                }
            }
        }

        var elapsed = clock.Elapsed;
        var perOp = (double)invocations * operations;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[0]}/{args[1]} {string.Join(' ', args.Skip(2))}: {invocations} invocations, {elapsed.TotalNanoseconds / perOp:0.0} ns/op, "
            + $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated - setupAllocated) / perOp:0.0} B/op, {perOp / elapsed.TotalSeconds / 1e6:0.00} M op/s, "
            + $"GCs {GC.CollectionCount(0) - gcs.Item1}/{GC.CollectionCount(1) - gcs.Item2}/{GC.CollectionCount(2) - gcs.Item3}, "
            + $"pool threads {ThreadPool.ThreadCount}, "
            + $"core-core RTT {CoreToCoreProbe.Describe(probedBefore)} / {CoreToCoreProbe.Describe(CoreToCoreProbe.MeasureNanoseconds())}"));
        await instance.CleanupAsync();
        return 0;
    }
}
