using ActorRuntime;
using Dashboard.Cluster;
using Dashboard.Overview;
using Dashboard.Services;

namespace Dashboard.Hubs;

/// <summary>Turns the session's views into the hub's wire contract.</summary>
internal static class HubMapping
{
    public static CallResultDto ToDto(CallOutcomeView outcome, TimeSpan elapsed) => new(
        outcome.CallId,
        outcome.Kind,
        outcome.Text,
        elapsed.TotalMilliseconds,
        outcome.ExternalLatency?.TotalMilliseconds)
    {
        TimeoutKind = outcome.TimeoutKind,
    };

    public static TelemetryDto ToTelemetry(ActorView view, int nodeActorCount, DateTimeOffset at)
    {
        var counters = view.Tracker.Counters;
        var latency = view.Tracker.Latency;
        return new TelemetryDto
        {
            Pid = view.Pid?.ToString(),
            State = ToCamelCase(view.State.ToString()),
            Status = view.Info?.Status.ToString(),
            QueueDepth = view.Info?.QueueDepth ?? 0,
            DeferredCalls = view.Info?.DeferredCalls ?? 0,
            ExternalInFlight = view.External.InFlight,
            Calls = counters.Calls,
            Replies = counters.Replies,
            Timeouts = counters.Timeouts,
            TimeoutsQueued = counters.TimeoutsQueued,
            TimeoutsInHandler = counters.TimeoutsInHandler,
            TimeoutsDeferred = counters.TimeoutsDeferred,
            Expired = counters.Expired,
            LateReplies = counters.LateReplies,
            CancelledWork = counters.CancelledWork,
            DeadIncarnationResults = counters.DeadIncarnationResults,
            Errors = counters.Errors,
            Restarts = counters.Restarts,
            LatencyP50Ms = latency.P50.TotalMilliseconds,
            LatencyP95Ms = latency.P95.TotalMilliseconds,
            LatencyP99Ms = latency.P99.TotalMilliseconds,
            HeartbeatAgeMs = view.HeartbeatAge?.TotalMilliseconds,
            NodeActorCount = nodeActorCount,
            At = at,
        };
    }

    public static OverviewDto ToOverview(ClusterOverview cluster, int top, DateTimeOffset at)
    {
        var totals = cluster.Totals;
        var nodes = cluster.Nodes;
        var busiest = top == 0 ? [] : cluster.Query(new OverviewQuery(OverviewColumn.QueueDepth, Descending: true, PageSize: top)).Rows;
        return new OverviewDto
        {
            Node = cluster.LocalNode,
            Degraded = cluster.Degraded,
            Nodes = [.. nodes.Select(node => new OverviewNodeDto
            {
                Name = node.Info.Name,
                Url = node.Info.Url,
                LiveActors = node.Totals.LiveActors,
                MaxActors = node.Totals.MaxActors,
                QueueDepth = node.Totals.QueueDepth,
                CallsPerSecond = node.Totals.CallsPerSecond,
                CpuPercent = node.Totals.CpuPercent,
                MemoryBytes = node.Totals.MemoryBytes,
                LastSeen = node.LastSeen,
            })],
            LiveActors = totals.LiveActors,
            MaxActors = totals.MaxActors,
            TabActors = nodes.Sum(node => node.Totals.TabActors),
            HubActors = nodes.Sum(node => node.Totals.HubActors),
            VirtualActors = nodes.Sum(node => node.Totals.VirtualActors),
            QueueDepth = totals.QueueDepth,
            CallsPerSecond = totals.CallsPerSecond,
            TimeoutsPerSecond = totals.TimeoutsPerSecond,
            Busiest = [.. busiest.Select(row => new OverviewRowDto(
                row.Row.Pid.ToString(), row.Row.Owner, row.Row.Status.ToString(), row.Row.QueueDepth, row.Row.DeferredCalls, row.Row.ExternalInFlight,
                row.Row.Timeouts, row.Row.LateReplies, row.Row.Crashes, row.Node)
            {
                TimeoutsQueued = row.Row.TimeoutsQueued,
                TimeoutsInHandler = row.Row.TimeoutsInHandler,
                TimeoutsDeferred = row.Row.TimeoutsDeferred,
                Expired = row.Row.Expired,
                CancelledWork = row.Row.CancelledWork,
                DeadIncarnationResults = row.Row.DeadIncarnationResults,
            })],
            At = at,
        };
    }

    private static string ToCamelCase(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}
