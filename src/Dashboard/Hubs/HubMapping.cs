using ActorRuntime;
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

    public static OverviewDto ToOverview(OverviewService overview, ActorDirectory directory, int top, DateTimeOffset at)
    {
        var totals = overview.Totals;
        var busiest = overview.Query(new OverviewQuery(OverviewColumn.QueueDepth, Descending: true, PageSize: top)).Rows;
        return new OverviewDto
        {
            LiveActors = totals.LiveActors,
            MaxActors = totals.MaxActors,
            TabActors = directory.Count(OwnerKind.Tab),
            HubActors = directory.Count(OwnerKind.Hub),
            VirtualActors = directory.Count(OwnerKind.Virtual),
            QueueDepth = totals.QueueDepth,
            CallsPerSecond = totals.CallsPerSecond,
            TimeoutsPerSecond = totals.TimeoutsPerSecond,
            Busiest = [.. busiest.Select(row => new OverviewRowDto(
                row.Pid.ToString(), row.Owner, row.Status.ToString(), row.QueueDepth, row.DeferredCalls, row.ExternalInFlight,
                row.Timeouts, row.LateReplies, row.Crashes)
            {
                TimeoutsQueued = row.TimeoutsQueued,
                TimeoutsInHandler = row.TimeoutsInHandler,
                TimeoutsDeferred = row.TimeoutsDeferred,
                Expired = row.Expired,
                CancelledWork = row.CancelledWork,
                DeadIncarnationResults = row.DeadIncarnationResults,
            })],
            At = at,
        };
    }

    private static string ToCamelCase(string name) => string.Concat(char.ToLowerInvariant(name[0]).ToString(), name[1..]);
}
