using ActorRuntime.Processes;

namespace ActorRuntime.Calls;

/// <summary>
/// One waiting caller: the task it awaits plus the phase its request is in. Whoever moves the
/// phase to <see cref="CallPhase.Completed"/> first decides the call's only outcome.
/// </summary>
/// <remarks>Derives from <see cref="TaskCompletionSource{TResult}"/> so a call costs one object plus its task.</remarks>
internal sealed class PendingCall : TaskCompletionSource<object?>
{
    private static readonly Action<object?> OnCanceled = static state => ((PendingCall)state!).TryCancel();

    private int _phase; // CallPhase, moved only by compare-and-swap
    private int _outcome; // CallOutcome, written once, by the thread whose compare-and-swap completed the call
    private CancellationTokenRegistration _cancellation;
    private CancellationToken _callerToken;
    private CancellationTokenSource? _giveUp;

    public PendingCall(ActorProcess target, long requestId, object request, TimeSpan timeout, long startTimestamp)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Target = target;
        RequestId = requestId;
        Request = request;
        Timeout = timeout;
        StartTimestamp = startTimestamp;
    }

    public ActorProcess Target { get; }

    public long RequestId { get; }

    public object Request { get; }

    public TimeSpan Timeout { get; }

    public long StartTimestamp { get; }

    /// <summary>When the caller stops waiting, by the wall clock; derived on demand, so a call reads the clock once.</summary>
    public DateTimeOffset Deadline
    {
        get
        {
            if (Timeout == System.Threading.Timeout.InfiniteTimeSpan)
            {
                return DateTimeOffset.MaxValue;
            }

            var time = Target.System.Time;
            var now = time.GetUtcNow();
            var remaining = Timeout - time.GetElapsedTime(StartTimestamp);
            return remaining > DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + remaining; // TimeSpan.MaxValue: never
        }
    }

    public CallPhase Phase => (CallPhase)Volatile.Read(ref _phase);

    /// <summary>How the call ended; <see cref="CallOutcome.Pending"/> while it waits.</summary>
    /// <remarks>
    /// The winner of the phase records the outcome just after its compare-and-swap, so a reader on another
    /// thread that already sees the phase completed waits those few instructions instead of reading Pending.
    /// </remarks>
    public CallOutcome Outcome
    {
        get
        {
            if (!IsCompleted)
            {
                return CallOutcome.Pending;
            }

            var spinner = default(SpinWait);
            CallOutcome outcome;
            while ((outcome = (CallOutcome)Volatile.Read(ref _outcome)) == CallOutcome.Pending)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            return outcome;
        }
    }

    public bool IsCompleted => Phase == CallPhase.Completed;

    // The call's place in its timeout lane: written under its TimeoutShard's lock, read by the call's own Remove.
    internal TimeoutLane? TimeoutLane { get; set; }

    internal int TimeoutPosition { get; set; }

    internal long TimeoutDue { get; set; }

    // The call's place in its actor's DeferredCalls list; written by that actor's loop only.
    internal PendingCall? DeferredNext;

    internal PendingCall? DeferredPrevious;

    internal bool IsDeferredListed;

    /// <summary>A token that fires when the caller gives up; created only when someone asks.</summary>
    public CancellationToken GiveUpToken
    {
        get
        {
            var source = Volatile.Read(ref _giveUp);
            if (source is null)
            {
                source = new CancellationTokenSource();
                source = Interlocked.CompareExchange(ref _giveUp, source, null) ?? source;
                if (IsCompleted && Outcome is not CallOutcome.Replied)
                {
                    source.Cancel(); // the caller gave up before anyone asked for the token
                }
            }

            return source.Token;
        }
    }

    /// <summary>Starts the timeout and watches the caller's token. Call once, after the call is queued.</summary>
    public void Arm(CallTimeouts timeouts, CancellationToken cancellationToken)
    {
        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            timeouts.Add(this); // a few shared timers per clock (one per shard), not one per call
        }

        if (cancellationToken.CanBeCanceled)
        {
            _callerToken = cancellationToken;
            _cancellation = cancellationToken.UnsafeRegister(OnCanceled, this);
            Interlocked.MemoryBarrier(); // the store above before the read below, or a racing answer and we could both skip the dispose
        }

        if (IsCompleted)
        {
            Disarm(); // answered before we finished arming
        }
    }

    /// <summary>The actor takes the call off its mailbox. False when the caller already gave up.</summary>
    public bool TryBeginHandling() => TryMove(CallPhase.Queued, CallPhase.Handling);

    /// <summary>The actor returned NoReply. False when the call was answered during handling.</summary>
    public bool TryDefer() => TryMove(CallPhase.Handling, CallPhase.Deferred);

    public bool TryReply(object? reply) => TryComplete(CallOutcome.Replied, reply, null);

    public bool TryFail(CallOutcome outcome, Exception error) => TryComplete(outcome, null, error);

    /// <summary>Called by its <see cref="TimeoutShard"/> when the timeout has passed.</summary>
    /// <remarks>The phase at the moment of completion tells a congested mailbox, a slow handler and a missing reply apart.</remarks>
    public void OnTimeoutElapsed() => TryComplete(CallOutcome.TimedOutWhileQueued, null, null);

    private void TryCancel() => TryComplete(CallOutcome.Canceled, null, null);

    private bool TryMove(CallPhase from, CallPhase to) =>
        Interlocked.CompareExchange(ref _phase, (int)to, (int)from) == (int)from;

    private bool TryComplete(CallOutcome outcome, object? reply, Exception? error)
    {
        int previous;
        do
        {
            previous = Volatile.Read(ref _phase);
            if (previous == (int)CallPhase.Completed)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _phase, (int)CallPhase.Completed, previous) != previous);

        var timedOut = outcome is CallOutcome.TimedOutWhileQueued or CallOutcome.TimedOutWhileHandling or CallOutcome.TimedOutWhileDeferred;
        var kind = (CallPhase)previous switch
        {
            CallPhase.Queued => CallTimeoutKind.WhileQueued,
            CallPhase.Handling => CallTimeoutKind.WhileHandling,
            _ => CallTimeoutKind.WhileDeferred,
        };
        if (timedOut)
        {
            outcome = kind switch
            {
                CallTimeoutKind.WhileQueued => CallOutcome.TimedOutWhileQueued,
                CallTimeoutKind.WhileHandling => CallOutcome.TimedOutWhileHandling,
                _ => CallOutcome.TimedOutWhileDeferred,
            };
        }

        // Recorded before the timeout's exception is built (its message formats the request): readers
        // that see the phase completed wait for this write (see Outcome).
        Volatile.Write(ref _outcome, (int)outcome);
        if (timedOut)
        {
            error = new CallTimeoutException(Target.Pid, Request, Timeout, kind);
        }

        Disarm();
        if (outcome != CallOutcome.Replied)
        {
            try
            {
                Volatile.Read(ref _giveUp)?.Cancel();
            }
            catch (AggregateException)
            {
                // A callback registered on From.CancellationToken threw. It must not keep the caller from its
                // outcome, nor end the process from a timer's thread; the token's documentation says so.
            }
        }

        Target.OnCallCompleted(this, (CallPhase)previous);
        if (outcome == CallOutcome.Replied)
        {
            TrySetResult(reply);
        }
        else if (outcome == CallOutcome.Canceled)
        {
            TrySetCanceled(_callerToken);
        }
        else
        {
            TrySetException(error!);
        }

        return true;
    }

    private void Disarm()
    {
        CallTimeouts.Remove(this);
        _cancellation.Dispose();
    }
}
