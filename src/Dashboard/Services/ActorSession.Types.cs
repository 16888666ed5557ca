using ActorRuntime;
using Dashboard.Heartbeats;

namespace Dashboard.Services;

/// <summary>Who owns an actor.</summary>
public enum OwnerKind
{
    /// <summary>A browser tab (a Blazor circuit).</summary>
    Tab,
    /// <summary>A SignalR hub connection.</summary>
    Hub,
    /// <summary>A server-side virtual user.</summary>
    Virtual,
}

/// <summary>Which actor implementation a session runs.</summary>
public enum ActorMode
{
    /// <summary><see cref="HeartbeatActor"/>: one kept From per request id.</summary>
    Correct,
    /// <summary><see cref="NaiveHeartbeatActor"/>: one From slot, as in the original post (teaching mode).</summary>
    Naive,
}

/// <summary>Where a session is in its life.</summary>
public enum SessionState
{
    /// <summary>No actor yet (e.g. while the page prerenders).</summary>
    NotStarted,
    /// <summary>The actor runs (or is restarting).</summary>
    Running,
    /// <summary>The node was at <c>MaxActors</c>; no actor was spawned.</summary>
    AtCapacity,
    /// <summary>The actor is gone (restart limit reached, or the session ended).</summary>
    Stopped,
}

/// <summary>Whether the owner's heartbeats arrive on time.</summary>
public enum HeartbeatHealth
{
    /// <summary>No heartbeat yet.</summary>
    Waiting,
    /// <summary>The last heartbeat is recent.</summary>
    Ok,
    /// <summary>More than 1.5 × the longest interval since the last heartbeat.</summary>
    Late,
    /// <summary>More than 3 × the longest interval since the last heartbeat.</summary>
    Stale,
}

/// <summary>The outcome of one call as its caller saw it.</summary>
/// <param name="CallId">The call.</param>
/// <param name="Stage">How it ended.</param>
/// <param name="Text">A one-line, human-readable result.</param>
public sealed record CallOutcomeView(long CallId, CallStage Stage, string Text)
{
    /// <summary>Why a call in <see cref="CallStage.Error"/> failed; <see cref="CallFailure.None"/> for every other stage.</summary>
    public CallFailure Failure { get; init; }

    /// <summary>How long the external work took, when an answer (own or misrouted) arrived; null otherwise.</summary>
    public TimeSpan? ExternalLatency { get; init; }
}

/// <summary>Why a call ended in <see cref="CallStage.Error"/>.</summary>
public enum CallFailure
{
    /// <summary>The call did not fail (or ended in another stage).</summary>
    None,
    /// <summary>The session has no actor (not started, or the node was at capacity).</summary>
    NoActor,
    /// <summary>The actor died while the call was queued or deferred.</summary>
    ActorExited,
    /// <summary>The actor's bounded mailbox refused the call.</summary>
    MailboxFull,
    /// <summary>The external work reported a failure.</summary>
    ExternalFailure,
    /// <summary>The caller gave up (its cancellation token fired).</summary>
    Cancelled,
}

/// <summary>The result of a flood.</summary>
/// <param name="Accepted">Messages stored in the mailbox.</param>
/// <param name="Rejected">Messages refused by the bounded mailbox.</param>
public sealed record FloodOutcome(int Accepted, int Rejected);

/// <summary>Everything the actor panels show, taken at one moment.</summary>
public sealed record ActorView
{
    /// <summary>The actor, once spawned.</summary>
    public Pid? Pid { get; init; }

    /// <summary>Who owns it.</summary>
    public required OwnerKind Owner { get; init; }

    /// <summary>Correct or naive.</summary>
    public required ActorMode Mode { get; init; }

    /// <summary>The session's state.</summary>
    public required SessionState State { get; init; }

    /// <summary>The runtime's view of the actor; null when it is not alive.</summary>
    public ActorInfo? Info { get; init; }

    /// <summary>Time since the last heartbeat.</summary>
    public TimeSpan? HeartbeatAge { get; init; }

    /// <summary>Whether heartbeats arrive on time.</summary>
    public required HeartbeatHealth Health { get; init; }

    /// <summary>Calls, counters and percentiles.</summary>
    public required TrackerSnapshot Tracker { get; init; }

    /// <summary>The external worker's jobs.</summary>
    public required ExternalWorkStats External { get; init; }

    /// <summary>The external worker's current behaviour.</summary>
    public required ExternalWorkSettings Settings { get; init; }

    /// <summary>Timeout of manual calls.</summary>
    public required TimeSpan CallTimeout { get; init; }

    /// <summary>Largest mailbox depth of each of the last 60 seconds, oldest first.</summary>
    public required IReadOnlyList<int> MailboxHistory { get; init; }

    /// <summary>The moment of the snapshot (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public required long Now { get; init; }

    /// <summary>Ticks per second of the timestamps (<see cref="TimeProvider.TimestampFrequency"/>).</summary>
    public required long Frequency { get; init; }

    /// <summary>Time between two timestamps of this view; <paramref name="end"/> 0 means <see cref="Now"/>.</summary>
    public TimeSpan Between(long start, long end = 0) =>
        start == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(((end == 0 ? Now : end) - start) / (double)Frequency);
}
