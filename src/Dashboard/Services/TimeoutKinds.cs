using ActorRuntime;
using Dashboard.Hubs;

namespace Dashboard.Services;

/// <summary>How the dashboard words each <see cref="TimeoutKind"/>, and how it reads one from the runtime: in one place for the page, the hub and the tests.</summary>
public static class TimeoutKinds
{
    /// <summary>The three kinds, in the order a call passes through them.</summary>
    public static readonly IReadOnlyList<TimeoutKind> All = [TimeoutKind.Queued, TimeoutKind.InHandler, TimeoutKind.Deferred];

    /// <summary>Where the call was, as the outcome text ends: <c>while queued</c>, <c>while in the handler</c>, <c>while deferred</c>.</summary>
    public static string Where(TimeoutKind kind) => kind switch
    {
        TimeoutKind.Queued => "while queued",
        TimeoutKind.InHandler => "while in the handler",
        _ => "while deferred",
    };

    /// <summary>What the kind means and where to look: the hint shown beside it.</summary>
    public static string Hint(TimeoutKind kind) => kind switch
    {
        TimeoutKind.Queued => "mailbox congestion: the call expired in the queue",
        TimeoutKind.InHandler => "the handler itself was still running",
        _ => "NoReply, never answered in time",
    };

    /// <summary>The kind of a runtime timeout, as the runtime classified it (<see cref="CallTimeoutException.Kind"/>).</summary>
    public static TimeoutKind Of(CallTimeoutException timeout) => timeout.Kind switch
    {
        CallTimeoutKind.WhileQueued => TimeoutKind.Queued,
        CallTimeoutKind.WhileHandling => TimeoutKind.InHandler,
        _ => TimeoutKind.Deferred,
    };
}
