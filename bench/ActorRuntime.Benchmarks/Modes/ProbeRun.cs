using System.Diagnostics;
using System.Globalization;
using ActorRuntime.Benchmarks.Probes;

namespace ActorRuntime.Benchmarks.Modes;

/// <summary>
/// <c>--probe [seconds]</c>: prints the cores' cache-line round trip (<see cref="CoreToCoreProbe"/>) twice a
/// second, to see whether the machine is in a slow window before trusting a benchmark run.
/// </summary>
public static class ProbeRun
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var seconds = args is [var given, ..] ? double.Parse(given, CultureInfo.InvariantCulture) : 10;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{DateTime.UtcNow:HH:mm:ss.f} core-core round trip {CoreToCoreProbe.Describe(CoreToCoreProbe.MeasureNanoseconds())}"));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        return 0;
    }
}
