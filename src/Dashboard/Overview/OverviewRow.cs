using ActorRuntime;

namespace Dashboard.Overview;

/// <summary>One actor as the overview lists it: what sorting needs, read at one moment.</summary>
public sealed record OverviewRow
{
    /// <summary>The actor.</summary>
    public required Pid Pid { get; init; }

    /// <summary>Its readable name (the server type).</summary>
    public required string Name { get; init; }

    /// <summary>Who owns it: <c>tab</c>, <c>hub</c>, <c>virtual</c>, or another tag; <c>—</c> when none.</summary>
    public required string Owner { get; init; }

    /// <summary>Where it is in its life.</summary>
    public required ActorStatus Status { get; init; }

    /// <summary>Messages waiting in its mailbox.</summary>
    public int QueueDepth { get; init; }

    /// <summary>The mailbox bound, or null when unbounded.</summary>
    public int? MailboxCapacity { get; init; }

    /// <summary>Callers handled with NoReply that still wait.</summary>
    public int DeferredCalls { get; init; }

    /// <summary>External jobs started by the owner's worker and not finished (0 for actors without a session).</summary>
    public int ExternalInFlight { get; init; }

    /// <summary>Calls whose caller timed out, of every kind.</summary>
    public long Timeouts { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while queued (the runtime's count).</summary>
    public long TimeoutsQueued { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while the handler ran (the runtime's count).</summary>
    public long TimeoutsInHandler { get; init; }

    /// <summary>Of <see cref="Timeouts"/>, those while deferred (the runtime's count).</summary>
    public long TimeoutsDeferred { get; init; }

    /// <summary>Queued calls the actor skipped because their caller had given up.</summary>
    public long Expired { get; init; }

    /// <summary>External jobs of the owner stopped because their caller gave up (0 for actors without a session).</summary>
    public long CancelledWork { get; init; }

    /// <summary>External results that reached the owner's actor after a restart (0 for actors without a session).</summary>
    public long DeadIncarnationResults { get; init; }

    /// <summary>Replies dropped because the caller no longer waited.</summary>
    public long LateReplies { get; init; }

    /// <summary>Callbacks that threw.</summary>
    public long Crashes { get; init; }

    /// <summary>When the last heartbeat reached the actor (a <see cref="TimeProvider.GetTimestamp"/> value); 0 when none yet.</summary>
    public long LastHeartbeat { get; init; }

    /// <summary>99th percentile of its callback durations.</summary>
    public TimeSpan HandleTimeP99 { get; init; }
}

/// <summary>The columns the overview sorts by; the names are the table's sort labels.</summary>
public enum OverviewColumn
{
    /// <summary>By pid (spawn order).</summary>
    Pid,
    /// <summary>By owner tag.</summary>
    Owner,
    /// <summary>By status.</summary>
    Status,
    /// <summary>By mailbox depth — the default, largest first.</summary>
    QueueDepth,
    /// <summary>By deferred callers.</summary>
    DeferredCalls,
    /// <summary>By external jobs in flight.</summary>
    ExternalInFlight,
    /// <summary>By timeouts.</summary>
    Timeouts,
    /// <summary>By late replies.</summary>
    LateReplies,
    /// <summary>By crashes.</summary>
    Crashes,
    /// <summary>By time since the last heartbeat; actors that never sent one count as the oldest.</summary>
    HeartbeatAge,
    /// <summary>By handle-time p99.</summary>
    HandleTimeP99,
}

/// <summary>One page of the overview: which rows, in which order.</summary>
/// <param name="SortBy">The sort column.</param>
/// <param name="Descending">Largest first.</param>
/// <param name="Owner">Only actors with this owner tag (case-insensitive); null for all.</param>
/// <param name="Page">Zero-based page index.</param>
/// <param name="PageSize">Rows per page.</param>
public sealed record OverviewQuery(
    OverviewColumn SortBy = OverviewColumn.QueueDepth,
    bool Descending = true,
    string? Owner = null,
    int Page = 0,
    int PageSize = 25)
{
    /// <summary>Only the actor with this pid (<c>&lt;0.42.0&gt;</c>, <c>0.42.0</c> or <c>42</c>); null or blank for all.</summary>
    /// <remarks>Text that is not a pid matches nothing (the search box says so).</remarks>
    public string? Search { get; init; }
}

/// <summary>The rows of one page, read fresh, and how many rows match the filter in all.</summary>
/// <param name="Rows">The page's rows in order.</param>
/// <param name="TotalRows">Rows matching the owner filter, over all pages.</param>
public sealed record OverviewSlice(IReadOnlyList<OverviewRow> Rows, int TotalRows);

/// <summary>The node-wide figures at the top of the overview.</summary>
/// <param name="LiveActors">Actors alive now.</param>
/// <param name="MaxActors">The node's limit.</param>
/// <param name="QueueDepth">Messages waiting in all mailboxes (as of the last refresh).</param>
/// <param name="CallsPerSecond">Calls started per second over the last sample interval.</param>
/// <param name="TimeoutsPerSecond">Calls timed out per second over the last sample interval.</param>
public sealed record OverviewTotals(int LiveActors, int MaxActors, long QueueDepth, double CallsPerSecond, double TimeoutsPerSecond);
