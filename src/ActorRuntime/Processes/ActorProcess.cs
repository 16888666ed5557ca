using System.Runtime.CompilerServices;
using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;
using ActorRuntime.Mailboxes;
using ActorRuntime.Supervision;

namespace ActorRuntime.Processes;

/// <summary>
/// One running actor: its mailbox, its waiting callers and its counters. The scheduling loop lives
/// in <c>ActorProcess.Loop.cs</c>, exits and restarts in <c>ActorProcess.Exit.cs</c>.
/// </summary>
/// <remarks>
/// The process is its own thread-pool work item: enqueueing into an empty mailbox schedules it once,
/// and it runs until the mailbox is empty, so no thread or task is held while the actor is idle.
/// </remarks>
internal sealed partial class ActorProcess : IThreadPoolWorkItem
{
    private readonly IGenServer _server;
    private readonly Mailbox _mailbox;
    private readonly int? _capacity;
    private readonly RestartPolicy _restart;
    private DeferredCalls? _deferred; // created by the loop's first NoReply: actors that never defer carry none
    private ListenerSet? _listeners; // created on first subscription: idle actors carry no list
    private int _scheduled;
    private int _status = (int)ActorStatus.Starting;

    // Written by the loop only, rarely (read anywhere for snapshots); what it writes per message is in LoopState.
    private long _expired;
    private long _crashes;
    private long _restarts;
    private string? _lastCrashReason;

    private CallCounters? _callCounters; // written from other threads: see CallCounters for why it is apart

    public ActorProcess(ActorSystem system, long id, IGenServer server, SpawnOptions options)
    {
        System = system;
        Pid = new Pid(id, this);
        _server = server;
        _capacity = options.MailboxCapacity;
        _mailbox = new Mailbox(options.MailboxCapacity);
        _restart = options.Restart;
        Owner = options.Owner;
        Name = options.Name ?? server.GetType().Name;
        SpawnedAt = system.Time.GetUtcNow();
    }

    public ActorSystem System { get; }

    public Pid Pid { get; }

    public string? Owner { get; }

    public string Name { get; }

    public DateTimeOffset SpawnedAt { get; }

    public ActorStatus Status => (ActorStatus)Volatile.Read(ref _status);

    public int QueueDepth => _mailbox.Count;

    public int DeferredCount => Volatile.Read(ref _deferred)?.Count ?? 0;

    /// <summary>Slots of the mailbox ring the loop reads from (see <see cref="Mailbox.HeadSegmentLength"/>).</summary>
    internal int MailboxSlots => _mailbox.HeadSegmentLength;

    /// <summary>Stores a message and wakes the loop if it was idle.</summary>
    /// <remarks>
    /// A call's <see cref="ActorEventKind.CallStarted"/> is published before the call becomes visible
    /// to the loop, so listeners always see it before the call's <see cref="ActorEventKind.CallHandling"/>;
    /// a refused call then reports <see cref="ActorEventKind.MailboxRejected"/> or fails.
    /// </remarks>
    public EnqueueResult Enqueue(in Envelope envelope)
    {
        var isCall = envelope.Kind == EnvelopeKind.Call;
        if (isCall)
        {
            Publish(ActorEventKind.CallStarted, envelope.Call!.RequestId, envelope.Message);
        }

        var result = _mailbox.TryEnqueue(envelope);
        switch (result)
        {
            case EnqueueResult.Enqueued:
                if (isCall)
                {
                    Interlocked.Increment(ref CountersForCalls.Calls);
                    System.Metrics.Calls.Add(1);
                }
                else
                {
                    Publish(ActorEventKind.Enqueued, 0, envelope.Message);
                }

                Schedule();
                break;
            case EnqueueResult.Full:
                Interlocked.Increment(ref CountersForCalls.Rejected);
                System.Metrics.Rejections.Add(1);
                Publish(ActorEventKind.MailboxRejected, envelope.Call?.RequestId ?? 0, envelope.Message);
                break;
            case EnqueueResult.Closed:
                FailStranded();
                break;
        }

        return result;
    }

    /// <summary>
    /// A message raced the exit's final drain into the closed mailbox: take whatever is left and fail
    /// its callers with the exit's reason, as the drain would have.
    /// </summary>
    private void FailStranded()
    {
        var exit = Volatile.Read(ref _exit);
        foreach (var stranded in _mailbox.DrainAll(close: true))
        {
            stranded.Call?.TryFail(CallOutcome.ActorExited,
                new ActorExitedException(Pid, exit?.Reason ?? "noproc", stranded.Call.Request, exit?.Exception));
        }
    }

    public int Capacity => _capacity ?? int.MaxValue;

    /// <summary>Numbers the next call to this actor: 1, 2, 3… (per actor, so callers of different actors never contend for one counter).</summary>
    public long NextRequestId() => Interlocked.Increment(ref CountersForCalls.RequestIds);

    /// <summary>Called by <see cref="PendingCall"/> exactly once, when the call's outcome is decided.</summary>
    public void OnCallCompleted(PendingCall call, CallPhase previousPhase)
    {
        if (previousPhase == CallPhase.Deferred)
        {
            _deferred!.OnCompleted(call, onLoop: t_handling == this); // exists: the call was deferred
        }

        var kind = ActorEventKind.CallFailed;
        switch (call.Outcome)
        {
            case CallOutcome.Replied:
                Interlocked.Increment(ref CountersForCalls.Replies);
                System.Metrics.Replies.Add(1);
                kind = ActorEventKind.CallReplied;
                break;
            case CallOutcome.TimedOutWhileQueued:
                Interlocked.Increment(ref CountersForCalls.TimeoutsWhileQueued);
                System.Metrics.Timeouts.Add(1, new KeyValuePair<string, object?>("phase", "queued"));
                kind = ActorEventKind.CallTimedOut;
                break;
            case CallOutcome.TimedOutWhileDeferred:
                Interlocked.Increment(ref CountersForCalls.TimeoutsWhileDeferred);
                System.Metrics.Timeouts.Add(1, new KeyValuePair<string, object?>("phase", "deferred"));
                kind = ActorEventKind.CallTimedOut;
                break;
            case CallOutcome.Canceled:
                kind = ActorEventKind.CallCanceled;
                break;
            case CallOutcome.ActorExited:
                Interlocked.Increment(ref CountersForCalls.Failed);
                break;
        }

        var needsDuration = System.Metrics.CallDuration.Enabled || HasListeners;
        if (needsDuration)
        {
            var duration = System.Time.GetElapsedTime(call.StartTimestamp);
            System.Metrics.CallDuration.Record(duration.TotalSeconds);
            Publish(kind, call.RequestId, call.Request, duration, call.Outcome);
        }
    }

    /// <summary>A reply reached a caller who no longer waits.</summary>
    public void OnLateReply(PendingCall call)
    {
        Interlocked.Increment(ref CountersForCalls.LateReplies);
        System.Metrics.LateReplies.Add(1);
        Publish(ActorEventKind.LateReplyDropped, call.RequestId, call.Request, outcome: call.Outcome);
    }

    public IReadOnlyList<PendingCallInfo> DeferredCallsSnapshot()
    {
        var calls = Volatile.Read(ref _deferred)?.Waiting() ?? [];
        return [.. calls.Select(call => new PendingCallInfo(
            call.RequestId, call.Request, call.Phase, System.Time.GetElapsedTime(call.StartTimestamp), call.Timeout))];
    }

    public ActorInfo Snapshot()
    {
        var counters = Volatile.Read(ref _callCounters) ?? CallCounters.None;
        return new ActorInfo
        {
            Pid = Pid,
            Name = Name,
            Owner = Owner,
            Status = Status,
            QueueDepth = _mailbox.Count,
            MailboxCapacity = _capacity,
            DeferredCalls = DeferredCount,
            MessagesHandled = _loop is { } loop ? Volatile.Read(ref loop.MessagesHandled) : 0,
            Calls = Volatile.Read(ref counters.Calls),
            Replies = Volatile.Read(ref counters.Replies),
            Timeouts = Volatile.Read(ref counters.TimeoutsWhileQueued) + Volatile.Read(ref counters.TimeoutsWhileDeferred),
            TimeoutsWhileQueued = Volatile.Read(ref counters.TimeoutsWhileQueued),
            TimeoutsWhileDeferred = Volatile.Read(ref counters.TimeoutsWhileDeferred),
            LateReplies = Volatile.Read(ref counters.LateReplies),
            Expired = Volatile.Read(ref _expired),
            CallsFailed = Volatile.Read(ref counters.Failed),
            Rejected = Volatile.Read(ref counters.Rejected),
            Crashes = Volatile.Read(ref _crashes),
            Restarts = Volatile.Read(ref _restarts),
            LastCrashReason = Volatile.Read(ref _lastCrashReason),
            HandleTimeMean = _loop?.HandleTimes.Mean ?? TimeSpan.Zero,
            HandleTimeP99 = _loop?.HandleTimes.Quantile(0.99) ?? TimeSpan.Zero,
            HandleTimeMax = _loop?.HandleTimes.Max ?? TimeSpan.Zero,
            SpawnedAt = SpawnedAt,
        };
    }

    private CallCounters CountersForCalls => LazyInitializer.EnsureInitialized(ref _callCounters);

    public IDisposable Subscribe(IActorEventListener listener)
    {
        if (Volatile.Read(ref _listeners) is null)
        {
            Interlocked.CompareExchange(ref _listeners, new ListenerSet(), null);
        }

        return _listeners!.Add(listener);
    }

    private bool HasListeners => Volatile.Read(ref _listeners)?.Items is not null || System.HasListeners;

    private void Publish(
        ActorEventKind kind,
        long requestId = 0,
        object? message = null,
        TimeSpan duration = default,
        CallOutcome outcome = CallOutcome.Pending,
        string? reason = null,
        Exception? exception = null)
    {
        if (HasListeners)
        {
            Notify(kind, requestId, message, duration, outcome, reason, exception);
        }
    }

    /// <summary>Builds the event and hands it out; apart from <see cref="Publish"/> so its frame stays off the message path when nobody listens.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Notify(ActorEventKind kind, long requestId, object? message, TimeSpan duration, CallOutcome outcome, string? reason, Exception? exception)
    {
        var actorEvent = new ActorEvent
        {
            Kind = kind,
            Pid = Pid,
            Timestamp = System.Time.GetTimestamp(),
            RequestId = requestId,
            Message = message,
            Duration = duration,
            Outcome = outcome,
            Reason = reason,
            Exception = exception,
        };
        ListenerSet.Notify(Volatile.Read(ref _listeners)?.Items, actorEvent);
        System.PublishSystemWide(actorEvent);
    }

    private void SetStatus(ActorStatus status) => Volatile.Write(ref _status, (int)status);
}
