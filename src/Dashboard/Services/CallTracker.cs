using ActorRuntime;
using ActorRuntime.Diagnostics;
using Dashboard.Heartbeats;
using Dashboard.Hubs;
using HdrHistogram;

namespace Dashboard.Services;

/// <summary>
/// Follows one owner's calls through every step — from the caller's side, the actor's events and
/// the external worker's jobs — and keeps the counters and latency percentiles the dashboard shows.
/// </summary>
/// <remarks>Thread-safe: events arrive on actor, worker and timer threads. Readers take snapshots.</remarks>
public sealed class CallTracker : IActorEventListener
{
    /// <summary>
    /// How many calls the tracker remembers for the table and the timeline: the timeline draws them all, the table the
    /// first 12. Every live tab and hub user keeps this many records (~300 bytes each with their outcome).
    /// </summary>
    public const int RecentCapacity = 20;

    private const long HighestLatencyMicros = 10L * 60 * 1_000_000;
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, CallRecord> _calls = [];
    private readonly Queue<long> _order = new();
    private readonly IntHistogram _latencyMicros = new(HighestLatencyMicros, 2); // int counts: half of a long's 24 KB per tab
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
            CallStage.TimedOut => CountTimeout(_counters, outcome.TimeoutKind ?? TimeoutKind.Deferred,
                record is not null && NaiveSlot.OverwrittenBy(record, _calls.Values) is not null),
            _ => _counters with { Errors = _counters.Errors + 1 },
        };
    });

    /// <summary>Hook for <see cref="HeartbeatActor.DeadIncarnationResult"/>: a job's result reached an actor that restarted since it started the job.</summary>
    public void OnDeadIncarnationResult(WorkDone done) => Update(() =>
    {
        _counters = _counters with { DeadIncarnationResults = _counters.DeadIncarnationResults + 1 };
        if (_calls.TryGetValue(done.CallId, out var record))
        {
            _calls[done.CallId] = record with { DeadIncarnationAt = _time.GetTimestamp() };
        }
    });

    /// <summary>Flood messages the mailbox refused.</summary>
    public void AddRejected(long count) => Update(() => _counters = _counters with { Rejected = _counters.Rejected + count });

    /// <summary>Hook for <see cref="ExternalWorker.JobChanged"/>.</summary>
    public void OnJobChanged(long callId, ExternalJobStage stage) => Update(() =>
    {
        if (stage == ExternalJobStage.Cancelled)
        {
            _counters = _counters with { CancelledWork = _counters.CancelledWork + 1 };
        }

        if (!_calls.TryGetValue(callId, out var record))
        {
            return;
        }

        var now = _time.GetTimestamp();
        _calls[callId] = stage switch
        {
            ExternalJobStage.Started => record with { ExternalStartedAt = now },
            ExternalJobStage.Cancelled => record with { WorkCancelledAt = now },
            ExternalJobStage.NeverAnswered => record with { ExternalDoneAt = now, NeverAnswered = true },
            _ => record with { ExternalDoneAt = now },
        };
    });

    /// <inheritdoc/>
    public void OnEvent(in ActorEvent actorEvent)
    {
        switch (actorEvent.Kind)
        {
            case ActorEventKind.CallHandling or ActorEventKind.CallDeferred or ActorEventKind.CallReplied or ActorEventKind.LateReplyDropped
                or ActorEventKind.CallExpired:
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

    /// <summary>The counters alone: cheaper than a <see cref="Snapshot"/>, for the overview's rows.</summary>
    public ActorCounters Counters
    {
        get
        {
            lock (_lock)
            {
                return _counters;
            }
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
            _counters = kind switch
            {
                ActorEventKind.LateReplyDropped => _counters with { LateReplies = _counters.LateReplies + 1 },
                ActorEventKind.CallExpired => _counters with { Expired = _counters.Expired + 1 },
                _ => _counters,
            };

            if (request is null || !_calls.TryGetValue(request.CallId, out var record))
            {
                return;
            }

            _calls[request.CallId] = kind switch
            {
                ActorEventKind.CallHandling => record with { HandlingAt = now, HandlingOrder = ++_handlingOrder },
                ActorEventKind.CallReplied => record with { RepliedAt = now },
                ActorEventKind.CallDeferred => record with { DeferredAt = now },
                ActorEventKind.CallExpired => record with { ExpiredAt = now },
                _ => record with { LateReplyAt = now },
            };
        });
    }

    private static ActorCounters CountTimeout(ActorCounters counters, TimeoutKind kind, bool stranded) => counters with
    {
        Timeouts = counters.Timeouts + 1,
        TimeoutsQueued = counters.TimeoutsQueued + (kind == TimeoutKind.Queued ? 1 : 0),
        TimeoutsInHandler = counters.TimeoutsInHandler + (kind == TimeoutKind.InHandler ? 1 : 0),
        TimeoutsDeferred = counters.TimeoutsDeferred + (kind == TimeoutKind.Deferred ? 1 : 0),
        Stranded = counters.Stranded + (stranded ? 1 : 0),
    };

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
