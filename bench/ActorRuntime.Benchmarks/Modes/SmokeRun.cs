using System.Diagnostics;
using System.Reflection;
using ActorRuntime.Benchmarks.Probes;
using ActorRuntime.Benchmarks.Runtimes;
using ActorRuntime.Benchmarks.Scenarios;
using BenchmarkDotNet.Attributes;

namespace ActorRuntime.Benchmarks.Modes;

/// <summary>
/// <c>--smoke</c>: runs every benchmark of every scenario twice with tiny counts, for every
/// parameter value and runtime, then the idle-memory mode on a few actors and the runtime checks.
/// It fails on an exception or a hang, never on a timing — so CI keeps the benchmarks compiling
/// and working without judging numbers measured on a busy machine.
/// </summary>
public static class SmokeRun
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static int Steps;

    public static async Task<int> RunAsync(TextWriter output)
    {
        var failures = 0;
        var steps = Steps;
        var clock = Stopwatch.StartNew();
        var scenarios = typeof(RuntimeBenchmarks).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(RuntimeBenchmarks)) && !type.IsAbstract)
            .OrderBy(type => type.Name);
        foreach (var scenario in scenarios)
        {
            foreach (var benchmark in scenario.GetMethods().Where(method => method.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                foreach (var parameters in ParameterCombinations(scenario))
                {
                    failures += await RunCaseAsync(scenario, benchmark, parameters, output);
                }
            }
        }

        foreach (var name in BenchRuntime.AllNames)
        {
            failures += await RunStepAsync($"IdleMemory/{name}", () => IdleMemory.MeasureAsync(name, 2_000, touch: true), output);
        }

        failures += await RunStepAsync("CoreToCoreColumn", CheckCoreToCoreColumn, output);
        failures += await RuntimeChecks.RunAsync(output);
        output.WriteLine($"Smoke run took {clock.Elapsed.TotalSeconds:0} s (timings are not judged)");
        output.WriteLine($"smoke: {Steps - steps - failures} passed, {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Runs one step with a time limit; returns 1 when it threw or hung.</summary>
    public static async Task<int> RunStepAsync(string name, Func<Task> step, TextWriter output)
    {
        Interlocked.Increment(ref Steps);
        var clock = Stopwatch.StartNew();
        try
        {
            await step().WaitAsync(Limit);
            output.WriteLine($"ok    {name} ({clock.ElapsedMilliseconds} ms)");
            return 0;
        }
        catch (Exception exception)
        {
            output.WriteLine($"FAIL  {name}: {exception.GetType().Name}: {exception.Message}");
            return 1;
        }
    }

    private static Task<int> RunCaseAsync(Type scenario, MethodInfo benchmark, IReadOnlyList<(PropertyInfo Property, object? Value)> parameters, TextWriter output)
    {
        var label = $"{scenario.Name.Replace("Benchmarks", "", StringComparison.Ordinal)}/{benchmark.Name}"
            + string.Concat(parameters.Select(parameter => $" {parameter.Property.Name}={parameter.Value}"));
        return RunStepAsync(label, async () =>
        {
            var instance = (RuntimeBenchmarks)Activator.CreateInstance(scenario)!;
            foreach (var (property, value) in parameters)
            {
                property.SetValue(instance, value);
            }

            instance.Smoke = true;
            instance.Start(BenchRuntime.Create(benchmark.Name));
            var setup = IterationSetup(scenario);
            try
            {
                for (var run = 0; run < 2; run++) // twice: the second run must find the actors reusable
                {
                    setup?.Invoke(instance, null);
                    await (Task)benchmark.Invoke(instance, null)!;
                }
            }
            finally
            {
                await instance.CleanupAsync();
            }
        }, output);
    }

    /// <summary>The scenario's <c>[IterationSetup]</c> method, if any: BenchmarkDotNet runs it before each invocation, and so do the smoke and <c>--run</c> modes.</summary>
    public static MethodInfo? IterationSetup(Type scenario) =>
        scenario.GetMethods().SingleOrDefault(method => method.GetCustomAttribute<IterationSetupAttribute>() is not null);

    /// <summary>
    /// The probe measures (or says it cannot, on one core), and a benchmark process's readings reach the
    /// report's column under the same benchmark's key.
    /// </summary>
    private static Task CheckCoreToCoreColumn()
    {
        var measured = CoreToCoreProbe.MeasureNanoseconds();
        if (measured <= 0 || double.IsInfinity(measured))
        {
            throw new InvalidOperationException($"the probe measured {measured} ns");
        }

        var benchmark = new DeferredCallBenchmarks { Callers = 1_000 };
        var method = $"Smoke{Guid.NewGuid():N}"; // a key no earlier run wrote
        CoreToCoreColumn.Record(benchmark, method, "before", 61.2);
        CoreToCoreColumn.Record(benchmark, method, "after", 123.4);
        var shown = CoreToCoreColumn.Describe(nameof(DeferredCallBenchmarks), method, [("Callers", "1000")]);
        return shown == "61 / 123 ns"
            ? Task.CompletedTask
            : throw new InvalidOperationException($"the column shows '{shown}' for a benchmark recorded as 61.2 / 123.4 ns");
    }

    /// <summary>Every combination of the scenario's <c>[Params]</c> and <c>[ParamsSource]</c> values.</summary>
    private static IEnumerable<IReadOnlyList<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type scenario)
    {
        IEnumerable<IReadOnlyList<(PropertyInfo, object?)>> combinations = [[]];
        foreach (var property in scenario.GetProperties())
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()?.Values
                ?? (property.GetCustomAttribute<ParamsSourceAttribute>() is { } source
                    ? ((System.Collections.IEnumerable)scenario.GetProperty(source.Name)!.GetValue(null)!).Cast<object?>().ToArray()
                    : null);
            if (values is not null)
            {
                combinations = [.. combinations.SelectMany(combination => values.Select(value =>
                    (IReadOnlyList<(PropertyInfo, object?)>)[.. combination, (property, value)]))];
            }
        }

        return combinations;
    }
}
