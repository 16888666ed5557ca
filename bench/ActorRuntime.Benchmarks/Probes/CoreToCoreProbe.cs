using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ActorRuntime.Benchmarks.Probes;

/// <summary>
/// Measures how long one cache line takes to travel from one core to the other and back: two threads
/// bounce a counter through it. Every runtime's hand-off between cores pays this, so it tells a fast
/// machine from a slow one at the moment of measuring.
/// </summary>
/// <remarks>
/// On the 2-core KVM machine of the results the round trip is 55–90 ns, and 320–360 ns in windows of
/// tens of seconds that come and go — presumably the host placing the two virtual CPUs far apart — and
/// every runtime's cross-core scenario is 2–4× slower inside such a window (see bench/README.md).
/// </remarks>
public static class CoreToCoreProbe
{
    /// <summary>Environment variable: the round trip (ns) a benchmark waits for before it starts; unset, it does not wait.</summary>
    public const string WaitVariable = "BENCH_WAIT_FOR_CORES_NS";

    private const int RoundTrips = 50_000;
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan BurstLimit = TimeSpan.FromSeconds(1); // ~20 ms normally

    /// <summary>
    /// Nanoseconds per round trip: the best of three bursts, so a preempted burst does not count.
    /// NaN where it cannot be measured (one core, or the two threads never ran at once).
    /// </summary>
    public static double MeasureNanoseconds()
    {
        var best = double.NaN;
        for (var burst = 0; burst < 3; burst++)
        {
            var measured = MeasureBurst();
            if (double.IsNaN(best) || measured < best)
            {
                best = measured;
            }
        }

        return best;
    }

    /// <summary>
    /// Measures; when <see cref="WaitVariable"/> is set and the round trip is slower than it, measures again
    /// every half second until it is not (at most two minutes), so a run does not start inside a slow window.
    /// </summary>
    /// <returns>The last measurement.</returns>
    public static double MeasureWaitingIfAsked(TextWriter log)
    {
        var measured = MeasureNanoseconds();
        if (!double.TryParse(Environment.GetEnvironmentVariable(WaitVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var wanted))
        {
            return measured;
        }

        var clock = Stopwatch.StartNew();
        while (measured > wanted && clock.Elapsed < MaxWait)
        {
            Thread.Sleep(500);
            measured = MeasureNanoseconds();
        }

        if (clock.Elapsed > TimeSpan.FromSeconds(1))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// waited {clock.Elapsed.TotalSeconds:0} s for the cores' round trip to reach {wanted:0} ns: now {Describe(measured)}"));
        }

        return measured;
    }

    /// <summary>"62 ns" ("n/a" when not measured), for logs and reports.</summary>
    public static string Describe(double nanoseconds) =>
        double.IsNaN(nanoseconds) ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{nanoseconds:0} ns");

    /// <summary>One burst; NaN when it gave up (one core only, or the echo thread did not get one in time).</summary>
    private static double MeasureBurst()
    {
        if (Environment.ProcessorCount < 2)
        {
            return double.NaN; // both threads spin: on one core they would take turns by time slice
        }

        var line = new StrongBox<PaddedCounter>();
        var echo = new Thread(() =>
        {
            for (long value = 1; value < 2 * RoundTrips; value += 2)
            {
                while (Volatile.Read(ref line.Value.Value) != value)
                {
                    if (Volatile.Read(ref line.Value.GaveUp))
                    {
                        return;
                    }
                }

                Volatile.Write(ref line.Value.Value, value + 1);
            }
        })
        {
            IsBackground = true,
            Name = "core-to-core echo",
        };

        echo.Start();
        var clock = Stopwatch.StartNew();
        for (long value = 0; value <= 2 * RoundTrips; value += 2)
        {
            for (var spins = 1; Volatile.Read(ref line.Value.Value) != value; spins++)
            {
                if (spins % 4096 == 0 && clock.Elapsed > BurstLimit)
                {
                    Volatile.Write(ref line.Value.GaveUp, true);
                    echo.Join();
                    return double.NaN;
                }
            }

            if (value < 2 * RoundTrips)
            {
                Volatile.Write(ref line.Value.Value, value + 1);
            }
        }

        var elapsed = clock.Elapsed;
        echo.Join();
        return elapsed.TotalNanoseconds / RoundTrips;
    }

    /// <summary>A counter alone on its cache line, so nothing else the threads touch moves with it; the give-up flag on the next.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct PaddedCounter
    {
        [FieldOffset(64)]
        public long Value;

        [FieldOffset(128)]
        public bool GaveUp;
    }
}
