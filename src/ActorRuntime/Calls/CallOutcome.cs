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
    /// <summary>The timeout passed after the actor took the call (NoReply) but before anyone replied.</summary>
    TimedOutWhileDeferred,
    /// <summary>The caller's <see cref="CancellationToken"/> fired.</summary>
    Canceled,
    /// <summary>The actor was gone or died while the call waited.</summary>
    ActorExited,
    /// <summary>A bounded mailbox was full.</summary>
    Rejected,
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
