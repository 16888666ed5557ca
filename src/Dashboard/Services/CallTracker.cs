using ActorRuntime;
using ActorRuntime.Diagnostics;
using Dashboard.Heartbeats;
using HdrHistogram;

namespace Dashboard.Services;

/// <summary>
/// Follows one owner's calls through every step — from the caller's side, the actor's events and
/// the external worker's jobs — and keeps the counters and latency percentiles the dashboard shows.
/// </summary>
/// <remarks>Thread-safe: events arrive on actor, worker and timer threads. Readers take snapshots.</remarks>
public sealed class CallTracker : IActorEventListener
{
    /// <summary>How many calls the tracker remembers for the table and the timeline.</summary>
    public const int RecentCapacity = 40;

    private const long HighestLatencyMicros = 10L * 60 * 1_000_000;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, CallRecord> _calls = [];
    private readonly Queue<long> _order = new();
    private readonly LongHistogram _latencyMicros = new(HighestLatencyMicros, 2);
    private ActorCounters _counters = new();
    private long _version;
    private long _handlingOrder;
    private string? _lastCrash;
    private long _lastRestartAt;

    /// <summary>Creates a tracker that stamps events with <paramref name="time"/>.</summary>
    public CallTracker(TimeProvider time) => _time = time;

    /// <summary>Increases on every change; a viewer re-renders only when it moved.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The caller is about to send call <paramref name="callId"/> to an actor running in <paramref name="mode"/>.</summary>
    public void Begin(long callId, CallOrigin origin, TimeSpan timeout, ActorMode mode = ActorMode.Correct) => Update(() =>
    {
        _calls[callId] = new CallRecord { CallId = callId, Origin = origin, Mode = mode, Timeout = timeout, SentAt = _time.GetTimestamp() };
        _order.Enqueue(callId);
        while (_order.Count > RecentCapacity)
        {
            _calls.Remove(_order.Dequeue());
        }

        _counters = _counters with { Calls = _counters.Calls + 1 };
    });

    /// <summary>The caller resumed with <paramref name="outcome"/>.</summary>
    public void End(CallOutcomeView outcome) => Update(() =>
    {
        var now = _time.GetTimestamp();
        if (_calls.TryGetValue(outcome.CallId, out var record))
        {
            _calls[outcome.CallId] = record with { Outcome = outcome, EndedAt = now };
            if (outcome.Stage is CallStage.Replied or CallStage.Misrouted)
            {
                _latencyMicros.RecordValue(Math.Min(HighestLatencyMicros, (long)_time.GetElapsedTime(record.SentAt, now).TotalMicroseconds));
            }
        }

        _counters = outcome.Stage switch
        {
            CallStage.Replied => _counters with { Replies = _counters.Replies + 1 },
            CallStage.Misrouted => _counters with { Misrouted = _counters.Misrouted + 1, Errors = _counters.Errors + 1 },
            CallStage.TimedOut when record is not null && NaiveSlot.OverwrittenBy(record, _calls.Values) is not null =>
                _counters with { Timeouts = _counters.Timeouts + 1, Stranded = _counters.Stranded + 1 },
            CallStage.TimedOut => _counters with { Timeouts = _counters.Timeouts + 1 },
            _ => _counters with { Errors = _counters.Errors + 1 },
        };
    });

    /// <summary>Flood messages the mailbox refused.</summary>
    public void AddRejected(long count) => Update(() => _counters = _counters with { Rejected = _counters.Rejected + count });

    /// <summary>Hook for <see cref="ExternalWorker.JobChanged"/>.</summary>
    public void OnJobChanged(long callId, ExternalJobStage stage) => Update(() =>
    {
        if (!_calls.TryGetValue(callId, out var record))
        {
            return;
        }

        var now = _time.GetTimestamp();
        _calls[callId] = stage switch
        {
            ExternalJobStage.Started => record with { ExternalStartedAt = now },
            ExternalJobStage.NeverAnswered => record with { ExternalDoneAt = now, NeverAnswered = true },
            _ => record with { ExternalDoneAt = now },
        };
    });

    /// <inheritdoc/>
    public void OnEvent(in ActorEvent actorEvent)
    {
        switch (actorEvent.Kind)
        {
            case ActorEventKind.CallHandling or ActorEventKind.CallDeferred or ActorEventKind.CallReplied or ActorEventKind.LateReplyDropped:
                OnCallEvent(actorEvent.Kind, actorEvent.Message as HeartbeatRequest);
                break;
            case ActorEventKind.Crashed:
                var reason = actorEvent.Reason;
                Update(() =>
                {
                    _counters = _counters with { Crashes = _counters.Crashes + 1 };
                    _lastCrash = reason;
                });
                break;
            case ActorEventKind.Restarted:
                var at = actorEvent.Timestamp;
                Update(() =>
                {
                    _counters = _counters with { Restarts = _counters.Restarts + 1 };
                    _lastRestartAt = at;
                });
                break;
        }
    }

    /// <summary>A copy of everything the tracker knows, newest call first.</summary>
    public TrackerSnapshot Snapshot()
    {
        lock (_lock)
        {
            var calls = _order.Reverse().Select(id => _calls[id]).ToList();
            return new TrackerSnapshot(
                calls,
                _counters,
                new LatencyPercentiles(Percentile(50), Percentile(95), Percentile(99), _latencyMicros.TotalCount),
                _lastCrash,
                _lastRestartAt);
        }

        TimeSpan Percentile(double p) =>
            _latencyMicros.TotalCount == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(_latencyMicros.GetValueAtPercentile(p));
    }

    /// <remarks>Every call event carries the call's request as its message, so the request's CallId finds the record.</remarks>
    private void OnCallEvent(ActorEventKind kind, HeartbeatRequest? request)
    {
        var now = _time.GetTimestamp();
        Update(() =>
        {
            if (kind == ActorEventKind.LateReplyDropped)
            {
                _counters = _counters with { LateReplies = _counters.LateReplies + 1 };
            }

            if (request is null || !_calls.TryGetValue(request.CallId, out var record))
            {
                return;
            }

            _calls[request.CallId] = kind switch
            {
                ActorEventKind.CallHandling => record with { HandlingAt = now, HandlingOrder = ++_handlingOrder },
                ActorEventKind.CallReplied => record with { RepliedAt = now },
                ActorEventKind.CallDeferred => record with { DeferredAt = now },
                _ => record with { LateReplyAt = now },
            };
        });
    }

    private void Update(Action change)
    {
        lock (_lock)
        {
            change();
        }

        Interlocked.Increment(ref _version);
    }
}

/// <summary>Caller-side round-trip percentiles.</summary>
public sealed record LatencyPercentiles(TimeSpan P50, TimeSpan P95, TimeSpan P99, long Count);

/// <summary>What a <see cref="CallTracker"/> knows at one moment.</summary>
public sealed record TrackerSnapshot(
    IReadOnlyList<CallRecord> Calls,
    ActorCounters Counters,
    LatencyPercentiles Latency,
    string? LastCrash,
    long LastRestartAt);
