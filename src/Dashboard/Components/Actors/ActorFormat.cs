using ActorRuntime;
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

    /// <summary>A stage as a short label.</summary>
    public static string Stage(CallRecord call) => call.Stage switch
    {
        CallStage.ExternalInFlight => "external in flight",
        CallStage.TimedOut when call.LateReplyAt != 0 => "timed out · late reply dropped",
        CallStage.TimedOut => "timed out",
        var stage => stage.ToString().ToLowerInvariant(),
    };
}
