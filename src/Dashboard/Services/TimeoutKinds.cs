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

    /// <summary>The kind of a runtime timeout.</summary>
    /// <remarks>
    /// TODO(i16-runtime): the runtime will classify the in-handler case itself (<c>CallTimeoutException</c>'s kind);
    /// until that lands it reports a timeout during HandleCallAsync as "while deferred", so <see cref="TimeoutKind.InHandler"/>
    /// is never produced here yet. Map from the runtime's kind after merging i16-runtime.
    /// </remarks>
    public static TimeoutKind Of(CallTimeoutException timeout) =>
        timeout.WhileQueued ? TimeoutKind.Queued : TimeoutKind.Deferred;
}
