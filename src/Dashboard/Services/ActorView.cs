using ActorRuntime;
using Dashboard.Heartbeats;

namespace Dashboard.Services;

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

    /// <summary>The last thing an operator did to this actor (see <see cref="ActorSession.LastOperatorAction"/>); null when nothing.</summary>
    public Dashboard.Operations.OperatorNotice? OperatorAction { get; init; }

    /// <summary>The moment of the snapshot (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public required long Now { get; init; }

    /// <summary>Ticks per second of the timestamps (<see cref="TimeProvider.TimestampFrequency"/>).</summary>
    public required long Frequency { get; init; }

    /// <summary>Time between two timestamps of this view; <paramref name="end"/> 0 means <see cref="Now"/>.</summary>
    public TimeSpan Between(long start, long end = 0) =>
        start == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(((end == 0 ? Now : end) - start) / (double)Frequency);
}
