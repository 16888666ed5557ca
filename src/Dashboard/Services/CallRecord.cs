using Dashboard.Heartbeats;

namespace Dashboard.Services;

/// <summary>Where one call stands, as the dashboard shows it.</summary>
public enum CallStage
{
    /// <summary>In the actor's mailbox.</summary>
    Queued,
    /// <summary>The actor returned NoReply and keeps the caller's From.</summary>
    Deferred,
    /// <summary>The external job is running.</summary>
    ExternalInFlight,
    /// <summary>The caller got its own answer.</summary>
    Replied,
    /// <summary>The caller got an answer that belonged to another call (naive mode).</summary>
    Misrouted,
    /// <summary>The caller gave up at its timeout.</summary>
    TimedOut,
    /// <summary>The actor died, the mailbox was full, or the external work failed.</summary>
    Error,
}

/// <summary>One call of an actor's owner, from send to outcome — a row of the calls table and a lane of the timeline.</summary>
/// <remarks>Times are <see cref="TimeProvider.GetTimestamp"/> values; 0 means "not reached".</remarks>
public sealed record CallRecord
{
    /// <summary>The call's one id: the caller's, carried by its <see cref="HeartbeatRequest"/> in every runtime event, used as the external job's id and echoed by the reply.</summary>
    public required long CallId { get; init; }

    /// <summary>Who made it.</summary>
    public required CallOrigin Origin { get; init; }

    /// <summary>Which actor implementation the call was made to (naive calls can be stranded, see <see cref="NaiveSlot"/>).</summary>
    /// <value>Defaults to <see cref="ActorMode.Correct"/>.</value>
    public ActorMode Mode { get; init; }

    /// <summary>The caller's timeout.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Where it stands: its outcome's stage once ended, else how far it got.</summary>
    public CallStage Stage => Outcome?.Stage
        ?? (ExternalStartedAt != 0 ? CallStage.ExternalInFlight : DeferredAt != 0 ? CallStage.Deferred : CallStage.Queued);

    /// <summary>How the call ended; null while the caller still waits.</summary>
    public CallOutcomeView? Outcome { get; init; }

    /// <summary>Step 1 (<see cref="DeferredReplySteps.Call"/>): the caller sent the call.</summary>
    public required long SentAt { get; init; }

    /// <summary>Step 2 (<see cref="DeferredReplySteps.Take"/>): the actor took it off the mailbox.</summary>
    public long HandlingAt { get; init; }

    /// <summary>The order in which the owner's actors took calls off their mailboxes (1, 2, …; 0 before): exact where timestamps tie.</summary>
    public long HandlingOrder { get; init; }

    /// <summary>Step 3 (<see cref="DeferredReplySteps.StartWork"/>): the external job started.</summary>
    public long ExternalStartedAt { get; init; }

    /// <summary>Step 4 (<see cref="DeferredReplySteps.NoReply"/>): the actor returned NoReply.</summary>
    public long DeferredAt { get; init; }

    /// <summary>Step 5 (<see cref="DeferredReplySteps.Result"/>): the external job reported back (or was found never to answer).</summary>
    public long ExternalDoneAt { get; init; }

    /// <summary>When the actor's <c>Reply</c> reached this caller's From (its own answer or, naive, another's); 0 if none did.</summary>
    /// <remarks>On the actor's thread, so it can precede <see cref="EndedAt"/> (stamped when the caller resumes) by a scheduling delay.</remarks>
    public long RepliedAt { get; init; }

    /// <summary>Step 6 (<see cref="DeferredReplySteps.Reply"/>): the caller resumed: reply, timeout or error.</summary>
    public long EndedAt { get; init; }

    /// <summary>When a reply for this call was dropped as late, if it was.</summary>
    public long LateReplyAt { get; init; }

    /// <summary>When the external job stopped because the caller gave up (no step 5 follows); 0 if it did not.</summary>
    public long WorkCancelledAt { get; init; }

    /// <summary>When the actor reached the call in its mailbox and skipped it, its caller gone (the runtime's <c>CallExpired</c>); 0 if it did not.</summary>
    public long ExpiredAt { get; init; }

    /// <summary>When the job's result reached a later incarnation of the actor (it crashed meanwhile); 0 if it did not.</summary>
    public long DeadIncarnationAt { get; init; }

    /// <summary>True when the job never reported back.</summary>
    public bool NeverAnswered { get; init; }

    /// <summary>The call id the received answer belonged to (differs from <see cref="CallId"/> when misrouted); null when none arrived.</summary>
    public long? AnsweredWith => Outcome?.AnsweredWith;

    /// <summary>The result or error text shown to the user; null while the caller waits.</summary>
    public string? Result => Outcome?.Text;

    /// <summary>True while the external job runs: started, and neither reported, found never to answer, nor cancelled.</summary>
    public bool JobRunning => ExternalStartedAt != 0 && ExternalDoneAt == 0 && WorkCancelledAt == 0;

    /// <summary>True once the caller has an outcome.</summary>
    public bool IsEnded => EndedAt != 0;
}
