using ActorRuntime.Benchmarks.Modes;
using ActorRuntime.Benchmarks.Probes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActorRuntime.Benchmarks -- --filter '*'   (BenchmarkDotNet)
//                                                                 -- --memory [100000,1000000]
//                                                                 -- --smoke   (CI: every scenario once, tiny counts)
//                                                                 -- --run TellOneToOne ActorRuntime [Actors=100] [seconds]
//                                                                 -- --probe [seconds]   (the cores' cache-line round trip, twice a second)
return args switch
{
    ["--smoke", ..] => await SmokeRun.RunAsync(Console.Out),
    ["--memory", .. var rest] => await IdleMemory.RunAsync(rest, Console.Out),
    ["--run", .. var rest] => await QuickRun.RunAsync(rest, Console.Out),
    ["--probe", .. var rest] => await ProbeRun.RunAsync(rest, Console.Out),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    CoreToCoreColumn.Reset();
    var config = DefaultConfig.Instance.AddColumn(new CoreToCoreColumn());
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(SmokeRun).Assembly).Run(args, config);
    return summaries.Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
}
