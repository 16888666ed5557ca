using System.Runtime.CompilerServices;
using ActorRuntime.Calls;
using ActorRuntime.Diagnostics;

namespace ActorRuntime.Processes;

internal sealed partial class ActorProcess
{
    private bool HasListeners => Volatile.Read(ref _listeners)?.Items is not null || System.HasListeners;

    /// <summary>Counts one handled message, and reports it to the <c>actor.messages</c> counter when <paramref name="metered"/> (a batch reads that once).</summary>
    internal void CountHandled(LoopState loop, bool metered)
    {
        Volatile.Write(ref loop.MessagesHandled, loop.MessagesHandled + 1);
        if (metered)
        {
            System.Metrics.Messages.Add(1);
        }
    }

    /// <summary>Counts (unless <paramref name="counted"/>) and, when <paramref name="timed"/>, times and reports a handled message.</summary>
    internal void RecordHandled(bool timed, long start, long requestId, object message, bool counted = false)
    {
        if (!counted)
        {
            CountHandled(_loop!, System.Metrics.Messages.Enabled);
        }

        if (!timed)
        {
            return;
        }

        var elapsed = System.Time.GetElapsedTime(start);
        var loop = _loop!;
        loop.HandleTimes.Record(elapsed.Ticks);
        loop.NextTimedAt = loop.MessagesHandled + (elapsed.Ticks >= SlowCallbackTicks ? 0 : SampleEvery - 1); // counted already
        if (System.Metrics.HandleDuration.Enabled)
        {
            System.Metrics.HandleDuration.Record(elapsed.TotalSeconds);
        }

        Publish(ActorEventKind.MessageHandled, requestId, message, elapsed);
    }

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
            case CallOutcome.TimedOutWhileHandling:
                Interlocked.Increment(ref CountersForCalls.TimeoutsWhileHandling);
                System.Metrics.Timeouts.Add(1, new KeyValuePair<string, object?>("phase", "handling"));
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
            case CallOutcome.CancelledByOperator:
                Interlocked.Increment(ref CountersForCalls.CancelledByOperator);
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

    /// <summary>The loop found a queued call whose caller had already given up, and skipped it.</summary>
    internal void OnCallExpired(PendingCall call)
    {
        Volatile.Write(ref _expired, _expired + 1);
        System.Metrics.Expired.Add(1);
        Publish(ActorEventKind.CallExpired, call.RequestId, call.Request, outcome: call.Outcome);
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
            Timeouts = Volatile.Read(ref counters.TimeoutsWhileQueued) + Volatile.Read(ref counters.TimeoutsWhileHandling)
                + Volatile.Read(ref counters.TimeoutsWhileDeferred),
            TimeoutsWhileQueued = Volatile.Read(ref counters.TimeoutsWhileQueued),
            TimeoutsWhileHandling = Volatile.Read(ref counters.TimeoutsWhileHandling),
            TimeoutsWhileDeferred = Volatile.Read(ref counters.TimeoutsWhileDeferred),
            LateReplies = Volatile.Read(ref counters.LateReplies),
            Expired = Volatile.Read(ref _expired),
            CallsFailed = Volatile.Read(ref counters.Failed),
            CallsCancelledByOperator = Volatile.Read(ref counters.CancelledByOperator),
            MessagesFlushed = Volatile.Read(ref _flushed),
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

    public IDisposable Subscribe(IActorEventListener listener)
    {
        if (Volatile.Read(ref _listeners) is null)
        {
            Interlocked.CompareExchange(ref _listeners, new ListenerSet(), null);
        }

        return _listeners!.Add(listener);
    }

    internal void Publish(
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
}
