namespace ActorRuntime;

/// <summary>
/// A snapshot of one actor, like Erlang's <c>Process.info/1</c>: cheap to take (no lock on the
/// actor's loop), consistent per field, not across fields.
/// </summary>
public sealed record ActorInfo
{
    /// <summary>The actor's address.</summary>
    public required Pid Pid { get; init; }

    /// <summary>A readable name (see <see cref="SpawnOptions.Name"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Who it belongs to (see <see cref="SpawnOptions.Owner"/>), or <see langword="null"/>.</summary>
    public string? Owner { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required ActorStatus Status { get; init; }

    /// <summary>Messages waiting in its mailbox, exact at the moment of reading.</summary>
    public int QueueDepth { get; init; }

    /// <summary>The mailbox bound, or <see langword="null"/> when unbounded.</summary>
    public int? MailboxCapacity { get; init; }

    /// <summary>Callers whose request was handled with NoReply and who still wait.</summary>
    public int DeferredCalls { get; init; }

    /// <summary>Callback invocations completed.</summary>
    public long MessagesHandled { get; init; }

    /// <summary>Calls made to it.</summary>
    public long Calls { get; init; }

    /// <summary>Calls answered in time.</summary>
    public long Replies { get; init; }

    /// <summary>Calls whose caller timed out: <see cref="TimeoutsWhileQueued"/> + <see cref="TimeoutsWhileHandling"/> + <see cref="TimeoutsWhileDeferred"/>.</summary>
    public long Timeouts { get; init; }

    /// <summary>Timeouts before the actor reached the call: a congested mailbox.</summary>
    public long TimeoutsWhileQueued { get; init; }

    /// <summary>Timeouts while <c>HandleCallAsync</c> was still running: a slow handler.</summary>
    public long TimeoutsWhileHandling { get; init; }

    /// <summary>Timeouts after NoReply: a reply that never came in time.</summary>
    public long TimeoutsWhileDeferred { get; init; }

    /// <summary>Replies dropped because their caller no longer waited.</summary>
    public long LateReplies { get; init; }

    /// <summary>Queued calls skipped because their caller had given up.</summary>
    public long Expired { get; init; }

    /// <summary>Calls that failed because the actor exited while they waited.</summary>
    public long CallsFailed { get; init; }

    /// <summary>Calls an operator ended: cancelled one by one, or waiting in a flushed mailbox.</summary>
    public long CallsCancelledByOperator { get; init; }

    /// <summary>Messages (calls included) dropped by <see cref="ActorSystem.FlushMailboxAsync"/>.</summary>
    public long MessagesFlushed { get; init; }

    /// <summary>Messages refused by a full bounded mailbox.</summary>
    public long Rejected { get; init; }

    /// <summary>Callbacks that threw.</summary>
    public long Crashes { get; init; }

    /// <summary>Restarts by the restart policy.</summary>
    public long Restarts { get; init; }

    /// <summary>The last crash's message, or <see langword="null"/>.</summary>
    public string? LastCrashReason { get; init; }

    /// <summary>Mean callback duration.</summary>
    /// <remarks>
    /// The handle-time figures come from a sample of callbacks (the first of each turn, every one after a
    /// callback of 2 µs or more, and one fast callback in 256) while nobody listens to the actor's events or
    /// the <c>actor.handle.duration</c> histogram, so a rare outlier among fast callbacks can be missed; with
    /// a listener every callback is timed. The counters are always exact.
    /// </remarks>
    public TimeSpan HandleTimeMean { get; init; }

    /// <summary>99th percentile of callback duration (within a factor of two).</summary>
    public TimeSpan HandleTimeP99 { get; init; }

    /// <summary>Longest callback duration.</summary>
    public TimeSpan HandleTimeMax { get; init; }

    /// <summary>When it was spawned, by the system's clock.</summary>
    public DateTimeOffset SpawnedAt { get; init; }
}
