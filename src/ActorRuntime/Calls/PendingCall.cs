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
            return time.GetUtcNow() + (Timeout - time.GetElapsedTime(StartTimestamp));
        }
    }

    public CallPhase Phase => (CallPhase)Volatile.Read(ref _phase);

    public CallOutcome Outcome { get; private set; }

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
    /// <remarks>The phase at the moment of completion tells a congested mailbox from a missing reply.</remarks>
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

        if (outcome is CallOutcome.TimedOutWhileQueued or CallOutcome.TimedOutWhileDeferred)
        {
            var whileQueued = previous == (int)CallPhase.Queued;
            outcome = whileQueued ? CallOutcome.TimedOutWhileQueued : CallOutcome.TimedOutWhileDeferred;
            error = new CallTimeoutException(Target.Pid, Request, Timeout, whileQueued);
        }

        Outcome = outcome;
        Disarm();
        if (outcome != CallOutcome.Replied)
        {
            Volatile.Read(ref _giveUp)?.Cancel();
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
