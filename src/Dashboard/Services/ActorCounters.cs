namespace Dashboard.Services;

/// <summary>Counters of one owner's calls, kept across actor restarts and mode switches.</summary>
public sealed record ActorCounters
{
    /// <summary>Calls made.</summary>
    public long Calls { get; init; }

    /// <summary>Calls answered with their own answer.</summary>
    public long Replies { get; init; }

    /// <summary>Calls that timed out, of every kind.</summary>
    public long Timeouts { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while queued (mailbox congestion).</summary>
    public long TimeoutsQueued { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while the handler was still running.</summary>
    public long TimeoutsInHandler { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while deferred (NoReply, never answered in time).</summary>
    public long TimeoutsDeferred { get; init; }

    /// <summary>Queued calls the actor skipped because their caller had already given up (the runtime's <c>CallExpired</c>).</summary>
    public long Expired { get; init; }

    /// <summary>Replies dropped because their caller had given up.</summary>
    public long LateReplies { get; init; }

    /// <summary>External jobs stopped because their caller gave up (timed out or was cancelled).</summary>
    public long CancelledWork { get; init; }

    /// <summary>External results that reached the actor after it had crashed and restarted: late results of a dead incarnation.</summary>
    public long DeadIncarnationResults { get; init; }

    /// <summary>Calls that ended in an error (actor exited, mailbox full, external failure).</summary>
    public long Errors { get; init; }

    /// <summary>Calls that got another call's answer.</summary>
    public long Misrouted { get; init; }

    /// <summary>Naive-mode calls that timed out because a later call overwrote their From (see <see cref="NaiveSlot"/>).</summary>
    public long Stranded { get; init; }

    /// <summary>Actor crashes.</summary>
    public long Crashes { get; init; }

    /// <summary>Actor restarts.</summary>
    public long Restarts { get; init; }

    /// <summary>Flood messages refused by the bounded mailbox.</summary>
    public long Rejected { get; init; }
}
