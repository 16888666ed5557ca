using ActorRuntime.Benchmarks.Modes;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActorRuntime.Benchmarks -- --filter '*'   (BenchmarkDotNet)
//                                                                 -- --memory [100000,1000000]
//                                                                 -- --smoke   (CI: every scenario once, tiny counts)
//                                                                 -- --run TellOneToOne ActorRuntime [Actors=100] [seconds]
return args switch
{
    ["--smoke", ..] => await SmokeRun.RunAsync(Console.Out),
    ["--memory", .. var rest] => await IdleMemory.RunAsync(rest, Console.Out),
    ["--run", .. var rest] => await QuickRun.RunAsync(rest, Console.Out),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(SmokeRun).Assembly).Run(args);
    return summaries.Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
}
