namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>How a call ended. Every call ends exactly once.</summary>
public enum CallOutcome
{
    /// <summary>Not ended yet.</summary>
    Pending,
    /// <summary>The actor (or anyone holding its <see cref="From"/>) replied in time.</summary>
    Replied,
    /// <summary>The timeout passed before the actor took the call off its mailbox.</summary>
    TimedOutWhileQueued,
    /// <summary>The timeout passed while <c>HandleCallAsync</c> was still running for the call.</summary>
    TimedOutWhileHandling,
    /// <summary>The timeout passed after the actor took the call (NoReply) but before anyone replied.</summary>
    TimedOutWhileDeferred,
    /// <summary>The caller's <see cref="CancellationToken"/> fired.</summary>
    Canceled,
    /// <summary>The actor was gone or died while the call waited.</summary>
    ActorExited,
    /// <summary>A bounded mailbox was full.</summary>
    Rejected,
    /// <summary>An operator cancelled the call or flushed the mailbox it waited in (<see cref="CallCancelledException"/>).</summary>
    CancelledByOperator,
}

/// <summary>Where a call was when its caller's timeout passed: each points at a different fix.</summary>
public enum CallTimeoutKind
{
    /// <summary>Still in the mailbox: the actor was busy with earlier messages (congestion). The call is skipped as expired when its turn comes.</summary>
    WhileQueued,
    /// <summary><c>HandleCallAsync</c> itself was still running: the handler is too slow, or awaits what it should defer.</summary>
    WhileHandling,
    /// <summary>Handled with NoReply, and nobody called <c>Reply(from, …)</c> in time.</summary>
    WhileDeferred,
}

/// <summary>Where a call stands while it waits.</summary>
public enum CallPhase
{
    /// <summary>In the actor's mailbox.</summary>
    Queued,
    /// <summary>Being handled by <c>HandleCallAsync</c> right now.</summary>
    Handling,
    /// <summary>Handled with NoReply; the caller waits for <c>Reply(from, …)</c>.</summary>
    Deferred,
    /// <summary>Ended; see <see cref="CallOutcome"/>.</summary>
    Completed,
}
