using System.Runtime.CompilerServices;

namespace ActorRuntime.Calls;

/// <summary>
/// Every waiting call's timeout on one clock, driven by a single timer instead of one timer per call.
/// </summary>
/// <remarks>
/// Calls are kept in one <see cref="TimeoutLane"/> per timeout length. Calls with the same timeout
/// expire in the order they started, so adding is an append under a short lock, an answered call
/// clears its own slot without the lock, and only each lane's oldest call can be due. The timer is
/// armed for the earliest of those; if it fires for calls already answered, it re-arms for the next.
/// One instance per <see cref="TimeProvider"/>, so a test's fake clock drives its own calls exactly.
/// </remarks>
internal sealed class CallTimeouts
{
    private static readonly ConditionalWeakTable<TimeProvider, CallTimeouts> ByClock = new();

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TimeoutLane> _lanes = [];
    private TimeoutLane? _lastLane; // most calls share one timeout: skip the dictionary for it
    private long _lastLength;
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue; // the timestamp the timer fires at; MaxValue when idle

    private CallTimeouts(TimeProvider time)
    {
        _time = time;
        var restore = !ExecutionContext.IsFlowSuppressed();
        if (restore)
        {
            ExecutionContext.SuppressFlow(); // the shared timer must not keep the first caller's context alive
        }

        try
        {
            _timer = time.CreateTimer(static state => ((CallTimeouts)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (restore)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    /// <summary>The instance for <paramref name="time"/>, created on first use.</summary>
    public static CallTimeouts For(TimeProvider time) => ByClock.GetValue(time, static clock => new CallTimeouts(clock));

    /// <summary>Starts watching <paramref name="call"/>: it times out at its start plus its timeout.</summary>
    public void Add(PendingCall call)
    {
        var length = ToTimestampUnits(call.Timeout);
        var due = call.StartTimestamp + length;
        lock (_lock)
        {
            var lane = _lastLane;
            if (lane is null || _lastLength != length)
            {
                if (!_lanes.TryGetValue(length, out lane))
                {
                    _lanes[length] = lane = new TimeoutLane();
                }

                (_lastLane, _lastLength) = (lane, length);
            }

            lane.Append(call, due);
            if (due < _armedFor)
            {
                Arm(due, call.StartTimestamp);
            }
        }
    }

    /// <summary>Stops watching <paramref name="call"/>; harmless if it is not watched.</summary>
    /// <summary>Takes an answered call off its lane, without the lock.</summary>
    public static void Remove(PendingCall call) => call.TimeoutLane?.Remove(call);

    private void Fire()
    {
        List<PendingCall>? expired = null;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var next = long.MaxValue;
            foreach (var lane in _lanes.Values)
            {
                next = Math.Min(next, lane.TakeDue(now, ref expired));
            }

            _armedFor = long.MaxValue;
            if (next != long.MaxValue)
            {
                Arm(next, now);
            }
        }

        foreach (var call in expired ?? [])
        {
            call.OnTimeoutElapsed();
        }
    }

    private void Arm(long due, long now)
    {
        _armedFor = due;
        var ticks = (double)(due - now) * TimeSpan.TicksPerSecond / _time.TimestampFrequency;
        _timer.Change(TimeSpan.FromTicks(Math.Max(0, (long)Math.Ceiling(ticks))), Timeout.InfiniteTimeSpan);
    }

    private long ToTimestampUnits(TimeSpan timeout) =>
        (long)Math.Ceiling((double)timeout.Ticks * _time.TimestampFrequency / TimeSpan.TicksPerSecond);
}
