using ActorRuntime;
using Dashboard.Hubs;
using Dashboard.Services;
using MudBlazor;

namespace Dashboard.Components.Actors;

/// <summary>How actor figures are worded and coloured, in one place for every panel.</summary>
public static class ActorFormat
{
    /// <summary>A duration as people read it: 850 ms, 4.2 s, 3 min.</summary>
    public static string Duration(TimeSpan value) => value.TotalMilliseconds switch
    {
        < 1 => $"{value.TotalMicroseconds:0} µs",
        < 1_000 => $"{value.TotalMilliseconds:0} ms",
        < 60_000 => $"{value.TotalSeconds:0.0} s",
        _ => $"{value.TotalMinutes:0} min",
    };

    /// <summary>The status chip's text: idle, busy, crashed-restarting, starting, stopped.</summary>
    public static string Status(ActorView view) => view.State switch
    {
        SessionState.NotStarted => "connecting",
        SessionState.AtCapacity => "at capacity",
        SessionState.Stopped => "stopped",
        _ => view.Info?.Status switch
        {
            ActorStatus.Restarting => "crashed-restarting",
            ActorStatus.Starting => "starting",
            ActorStatus.Busy => "busy",
            ActorStatus.Idle => "idle",
            null => "stopped",
            var other => other.ToString()!.ToLowerInvariant(),
        },
    };

    /// <summary>The status chip's colour.</summary>
    public static Color StatusColor(string status) => status switch
    {
        "idle" => Color.Success,
        "busy" => Color.Warning,
        "crashed-restarting" or "stopped" or "at capacity" => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The colour of a call's stage.</summary>
    public static Color StageColor(CallStage stage) => stage switch
    {
        CallStage.Replied => Color.Success,
        CallStage.Queued => Color.Default,
        CallStage.Deferred or CallStage.ExternalInFlight => Color.Info,
        CallStage.TimedOut => Color.Error,
        _ => Color.Warning,
    };

    /// <summary>A stage as a short label, with what else happened to the call (its timeout's kind, its job cancelled, a late reply).</summary>
    public static string Stage(CallRecord call)
    {
        var stage = call.Stage switch
        {
            CallStage.ExternalInFlight => "external in flight",
            CallStage.TimedOut when call.Outcome?.TimeoutKind is { } kind => $"timed out {TimeoutKinds.Where(kind)}",
            var other => other.ToString().ToLowerInvariant(),
        };
        var phases = Phases(call);
        return phases.Count == 0 ? stage : $"{stage} · {string.Join(" · ", phases)}";
    }

    /// <summary>The hint of a timed-out call's kind, e.g. "mailbox congestion: the call expired in the queue"; null for other calls.</summary>
    public static string? Hint(CallRecord call) =>
        call.Stage == CallStage.TimedOut && call.Outcome?.TimeoutKind is { } kind ? TimeoutKinds.Hint(kind) : null;

    /// <summary>Phases after the caller's own outcome, in the words of the calls table and the timeline.</summary>
    public static IReadOnlyList<string> Phases(CallRecord call)
    {
        var phases = new List<string>(2);
        if (call.ExpiredAt != 0)
        {
            phases.Add(ExpiredPhase);
        }

        if (call.WorkCancelledAt != 0)
        {
            phases.Add(WorkCancelledPhase);
        }

        if (call.LateReplyAt != 0)
        {
            phases.Add("late reply dropped");
        }

        if (call.DeadIncarnationAt != 0)
        {
            phases.Add(DeadIncarnationPhase);
        }

        return phases;
    }

    /// <summary>The phase of a call whose external job stopped because its caller gave up.</summary>
    public const string WorkCancelledPhase = "external work cancelled (caller gave up)";

    /// <summary>The phase of a call the actor skipped in its mailbox because its caller had gone.</summary>
    public const string ExpiredPhase = "expired: skipped in the queue";

    /// <summary>The phase of a call whose job's result reached the actor after a crash and restart.</summary>
    public const string DeadIncarnationPhase = "late result of a dead incarnation";
}
