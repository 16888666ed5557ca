using System.Collections.Concurrent;
using System.Diagnostics;
using Dashboard.Hubs;
using HdrHistogram;

namespace LoadSim;

/// <summary>Every number of a run, updated from many connections at once.</summary>
internal sealed class LoadStats
{
    private const long HighestMicros = 10L * 60 * 1_000_000;
    private readonly Lock _lock = new();
    private readonly LongHistogram _roundTrip = new(HighestMicros, 3);
    private readonly LongHistogram _overhead = new(HighestMicros, 3);
    private readonly LongHistogram _steadyOverhead = new(HighestMicros, 3);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _connected;
    private long _peakConnected;
    private long _connectFailures;
    private long _unexpectedCloses;
    private long _started;
    private long _ended;
    private long _replied;
    private long _timeouts;
    private long _lost;
    private long _telemetryFrames;
    private int _serverActors;
    private int _peakServerActors;

    /// <summary>Calls started from this <see cref="Stopwatch"/> timestamp on (the end of the ramp) also count as steady state.</summary>
    public long SteadyFrom { get; set; } = long.MaxValue;

    public long Connected => Interlocked.Read(ref _connected);
    public long PeakConnected => Interlocked.Read(ref _peakConnected);
    public long ConnectFailures => Interlocked.Read(ref _connectFailures);
    public long UnexpectedCloses => Interlocked.Read(ref _unexpectedCloses);
    public long Started => Interlocked.Read(ref _started);
    public long Ended => Interlocked.Read(ref _ended);
    public long Replied => Interlocked.Read(ref _replied);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long TelemetryFrames => Interlocked.Read(ref _telemetryFrames);
    public int ServerActors => Volatile.Read(ref _serverActors);
    public int PeakServerActors => Volatile.Read(ref _peakServerActors);

    /// <summary>Calls that never got an outcome: their connection died under them, or they were still waiting at the end.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Calls sent and not yet ended.</summary>
    public long InFlight => Started - Ended;

    /// <summary>Non-reply outcomes and failures by kind (timeouts included), largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Errors => [.. _errors.OrderByDescending(entry => entry.Value)];

    public void OnConnected()
    {
        var now = Interlocked.Increment(ref _connected);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peakConnected)) && Interlocked.CompareExchange(ref _peakConnected, now, peak) != peak)
        {
        }
    }

    public void OnDisconnected() => Interlocked.Decrement(ref _connected);

    public void OnConnectFailed(string kind)
    {
        Interlocked.Increment(ref _connectFailures);
        _errors.AddOrUpdate($"connect: {kind}", 1, (_, count) => count + 1);
    }

    public void OnUnexpectedClose() => Interlocked.Increment(ref _unexpectedCloses);

    public void OnCallStarted() => Interlocked.Increment(ref _started);

    /// <summary>A call sent at <paramref name="startedTimestamp"/> (<see cref="Stopwatch"/>) ended with an outcome from the server.</summary>
    public void OnOutcome(CallResultDto result, long startedTimestamp)
    {
        Interlocked.Increment(ref _ended);
        if (result.Outcome == CallOutcomeKind.Replied)
        {
            Interlocked.Increment(ref _replied);
            var micros = (long)Stopwatch.GetElapsedTime(startedTimestamp).TotalMicroseconds;
            var overhead = Math.Clamp(micros - (long)((result.ExternalLatencyMs ?? 0) * 1_000), 0, HighestMicros);
            lock (_lock)
            {
                _roundTrip.RecordValue(Math.Clamp(micros, 0, HighestMicros));
                _overhead.RecordValue(overhead);
                if (startedTimestamp >= SteadyFrom)
                {
                    _steadyOverhead.RecordValue(overhead);
                }
            }

            return;
        }

        if (result.Outcome == CallOutcomeKind.Timeout)
        {
            Interlocked.Increment(ref _timeouts);
        }

        _errors.AddOrUpdate(Name(result.Outcome), 1, (_, count) => count + 1);
    }

    /// <summary>A call the server refused with a <c>HubException</c> (rate limit, bad input): an outcome, but not a reply.</summary>
    public void OnRefused(string kind)
    {
        Interlocked.Increment(ref _ended);
        _errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
    }

    /// <summary>A call without an outcome (its connection died, or the run ended while it waited).</summary>
    public void OnLost(string kind)
    {
        Interlocked.Increment(ref _ended);
        Interlocked.Increment(ref _lost);
        _errors.AddOrUpdate($"lost: {kind}", 1, (_, count) => count + 1);
    }

    public void OnTelemetry(TelemetryDto snapshot)
    {
        Interlocked.Increment(ref _telemetryFrames);
        Volatile.Write(ref _serverActors, snapshot.NodeActorCount);
        int peak;
        while (snapshot.NodeActorCount > (peak = Volatile.Read(ref _peakServerActors))
               && Interlocked.CompareExchange(ref _peakServerActors, snapshot.NodeActorCount, peak) != peak)
        {
        }
    }

    /// <summary>Percentiles of answered calls: the client's round trip, and that minus the simulated external latency.</summary>
    public (Percentiles RoundTrip, Percentiles Overhead) Latency()
    {
        lock (_lock)
        {
            return (Percentiles.Of(_roundTrip), Percentiles.Of(_overhead));
        }
    }

    /// <summary>The overhead of answered calls sent after the ramp, when every user is connected: the steady state.</summary>
    public Percentiles SteadyOverhead()
    {
        lock (_lock)
        {
            return Percentiles.Of(_steadyOverhead);
        }
    }

    private static string Name(CallOutcomeKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());
}

/// <summary>p50/p95/p99/max in milliseconds.</summary>
internal sealed record Percentiles(double P50, double P95, double P99, double Max, long Count)
{
    public static Percentiles Of(LongHistogram histogram) => histogram.TotalCount == 0
        ? new Percentiles(0, 0, 0, 0, 0)
        : new Percentiles(
            histogram.GetValueAtPercentile(50) / 1_000.0,
            histogram.GetValueAtPercentile(95) / 1_000.0,
            histogram.GetValueAtPercentile(99) / 1_000.0,
            histogram.GetMaxValue() / 1_000.0,
            histogram.TotalCount);
}
