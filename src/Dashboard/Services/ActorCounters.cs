namespace Dashboard.Services;

/// <summary>Counters of one owner's calls, kept across actor restarts and mode switches.</summary>
public sealed record ActorCounters
{
    /// <summary>Calls made.</summary>
    public long Calls { get; init; }

    /// <summary>Calls answered with their own answer.</summary>
    public long Replies { get; init; }

    /// <summary>Calls that timed out.</summary>
    public long Timeouts { get; init; }

    /// <summary>Replies dropped because their caller had given up.</summary>
    public long LateReplies { get; init; }

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
