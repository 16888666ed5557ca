using System.Runtime.CompilerServices;

namespace ActorRuntime.Calls;

/// <summary>
/// Every waiting call's timeout on one clock, driven by a single timer instead of one timer per call.
/// </summary>
/// <remarks>
/// Calls are kept in one queue per timeout length ("lane"). Calls with the same timeout expire in
/// the order they started, so adding is an append, removing an answered call an unlink — O(1)
/// under a short lock — and only each lane's head can be due. The timer is armed for the earliest
/// head; an answered call is simply unlinked and the timer, if it fires for nothing, re-arms for
/// the next head. One instance per <see cref="TimeProvider"/>, so a test's fake clock drives its
/// own calls exactly.
/// </remarks>
internal sealed class CallTimeouts
{
    private static readonly ConditionalWeakTable<TimeProvider, CallTimeouts> ByClock = new();

    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<long, Lane> _lanes = [];
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
            if (!_lanes.TryGetValue(length, out var lane))
            {
                _lanes[length] = lane = new Lane();
            }

            lane.Append(call, due);
            if (due < _armedFor)
            {
                Arm(due, call.StartTimestamp);
            }
        }
    }

    /// <summary>Stops watching <paramref name="call"/>; harmless if it is not watched.</summary>
    public void Remove(PendingCall call)
    {
        if (call.TimeoutLane is null)
        {
            return;
        }

        lock (_lock)
        {
            call.TimeoutLane?.Unlink(call);
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
                while (lane.Head is { } head && head.TimeoutDue <= now)
                {
                    lane.Unlink(head);
                    (expired ??= []).Add(head);
                }

                if (lane.Head is { } waiting && waiting.TimeoutDue < next)
                {
                    next = waiting.TimeoutDue;
                }
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

    /// <summary>Calls with one timeout length, oldest (soonest due) first; an intrusive list through the calls.</summary>
    internal sealed class Lane
    {
        private static readonly CallList.LinksOf Links = static call => ref call.TimeoutLinks;

        private PendingCall? _head;
        private PendingCall? _tail;

        public PendingCall? Head => _head;

        public void Append(PendingCall call, long due)
        {
            call.TimeoutDue = due;
            call.TimeoutLane = this;

            // Concurrent callers can arrive a hair out of start order: step back over later ones.
            var after = _tail;
            while (after is not null && after.TimeoutDue > due)
            {
                after = after.TimeoutLinks.Previous;
            }

            CallList.InsertAfter(after, call, ref _head, ref _tail, Links);
        }

        public void Unlink(PendingCall call)
        {
            if (call.TimeoutLane != this)
            {
                return;
            }

            CallList.Unlink(call, ref _head, ref _tail, Links);
            call.TimeoutLane = null;
        }
    }
}
