using Dashboard.Overview;

namespace Dashboard.Cluster;

/// <summary>One row of the cluster-wide overview: an actor and the node it lives on. (node, pid) is unique; a pid alone is not.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Row">The actor's figures; a remote row's <see cref="OverviewRow.LastHeartbeat"/> is converted to this node's clock.</param>
/// <param name="IsLocal">Whether the actor lives on this node.</param>
public sealed record ClusterRow(string Node, OverviewRow Row, bool IsLocal);

/// <summary>One page of the cluster-wide overview and how many rows match in all.</summary>
/// <param name="Rows">The page's rows in order.</param>
/// <param name="TotalRows">Rows matching the filter over every node and page.</param>
public sealed record ClusterSlice(IReadOnlyList<ClusterRow> Rows, int TotalRows);

/// <summary>One node of the per-node panel.</summary>
/// <param name="Info">Its registration.</param>
/// <param name="Totals">Its figures as last published.</param>
/// <param name="LastSeen">When its last delta arrived (this node: now).</param>
/// <param name="IsLocal">Whether it is this node.</param>
public sealed record NodeSummary(NodeInfo Info, NodeTotals Totals, DateTimeOffset LastSeen, bool IsLocal);

/// <summary>Conversions between the overview's rows and their wire form.</summary>
internal static class RowConversion
{
    /// <summary>The wire form of <paramref name="row"/>; its heartbeat becomes wall-clock time so that any node can age it.</summary>
    public static RowWire ToWire(OverviewRow row, TimeProvider time, DateTimeOffset now) => new()
    {
        Pid = row.Pid.Id,
        Name = row.Name,
        Owner = row.Owner,
        Status = row.Status,
        QueueDepth = row.QueueDepth,
        MailboxCapacity = row.MailboxCapacity,
        DeferredCalls = row.DeferredCalls,
        ExternalInFlight = row.ExternalInFlight,
        Timeouts = row.Timeouts,
        LateReplies = row.LateReplies,
        Crashes = row.Crashes,
        TimeoutsQueued = row.TimeoutsQueued,
        TimeoutsInHandler = row.TimeoutsInHandler,
        TimeoutsDeferred = row.TimeoutsDeferred,
        Expired = row.Expired,
        CancelledWork = row.CancelledWork,
        DeadIncarnationResults = row.DeadIncarnationResults,
        HeartbeatAtMs = row.LastHeartbeat == 0 ? 0 : (now - time.GetElapsedTime(row.LastHeartbeat)).ToUnixTimeMilliseconds(),
        HandleTimeP99Us = (long)row.HandleTimeP99.TotalMicroseconds,
    };

    /// <summary>The row of <paramref name="wire"/>, its heartbeat as a timestamp of this node's clock (at least 1: "long ago").</summary>
    public static OverviewRow FromWire(RowWire wire, TimeProvider time, DateTimeOffset now) => new()
    {
        Pid = new ActorRuntime.Pid(wire.Pid),
        Name = wire.Name,
        Owner = wire.Owner,
        Status = wire.Status,
        QueueDepth = wire.QueueDepth,
        MailboxCapacity = wire.MailboxCapacity,
        DeferredCalls = wire.DeferredCalls,
        ExternalInFlight = wire.ExternalInFlight,
        Timeouts = wire.Timeouts,
        LateReplies = wire.LateReplies,
        Crashes = wire.Crashes,
        TimeoutsQueued = wire.TimeoutsQueued,
        TimeoutsInHandler = wire.TimeoutsInHandler,
        TimeoutsDeferred = wire.TimeoutsDeferred,
        Expired = wire.Expired,
        CancelledWork = wire.CancelledWork,
        DeadIncarnationResults = wire.DeadIncarnationResults,
        LastHeartbeat = wire.HeartbeatAtMs == 0 ? 0 : LocalTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(wire.HeartbeatAtMs), time, now),
        HandleTimeP99 = TimeSpan.FromMicroseconds(wire.HandleTimeP99Us),
    };

    private static long LocalTimestamp(DateTimeOffset at, TimeProvider time, DateTimeOffset now)
    {
        var age = now - at;
        var ticks = time.GetTimestamp() - (long)(Math.Max(0, age.TotalSeconds) * time.TimestampFrequency);
        return Math.Max(1, ticks);
    }
}
