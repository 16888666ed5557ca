namespace ActorRuntime.Calls;

/// <summary>
/// One shard of <see cref="CallTimeouts"/>: its calls in one <see cref="TimeoutLane"/> per timeout
/// length, and one timer armed for the earliest of the lanes' oldest calls.
/// </summary>
/// <remarks>
/// Calls with the same timeout expire in the order they started, so adding is an append under a short
/// lock and only each lane's oldest call can be due. An answered call clears its own slot without the
/// lock; if the timer then fires for calls already answered, it re-arms for the next.
/// </remarks>
internal sealed class TimeoutShard
{
    private const long LongestTimerDelayTicks = (uint.MaxValue - 1L) * TimeSpan.TicksPerMillisecond; // what System.Threading.Timer accepts

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, TimeoutLane> _lanes = [];
    private readonly ITimer _timer;
    private TimeoutLane? _lastLane; // most calls share one timeout: skip the dictionary for it
    private long _lastLength;
    private long _armedFor = long.MaxValue; // the timestamp the timer fires at; MaxValue when idle

    public TimeoutShard(TimeProvider time)
    {
        _time = time;
        var restore = !ExecutionContext.IsFlowSuppressed();
        if (restore)
        {
            ExecutionContext.SuppressFlow(); // the shared timer must not keep the first caller's context alive
        }

        try
        {
            _timer = time.CreateTimer(static state => ((TimeoutShard)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        finally
        {
            if (restore)
            {
                ExecutionContext.RestoreFlow();
            }
        }
    }

    /// <summary>Starts watching <paramref name="call"/>, whose timeout is <paramref name="length"/> timestamp units.</summary>
    public void Add(PendingCall call, long length)
    {
        // A timeout too long for the clock (TimeSpan.MaxValue) would wrap to a deadline in the past: it never comes instead.
        var due = length > long.MaxValue - call.StartTimestamp ? long.MaxValue : call.StartTimestamp + length;
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

        // A timer takes at most ~49.7 days and throws beyond, on the timer's own thread when Fire re-arms;
        // firing early is harmless: Fire finds nothing due and arms again.
        var delay = Math.Clamp((long)Math.Ceiling(ticks), 0, LongestTimerDelayTicks);
        _timer.Change(TimeSpan.FromTicks(delay), Timeout.InfiniteTimeSpan);
    }
}
