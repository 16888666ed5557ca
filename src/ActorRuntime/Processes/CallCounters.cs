namespace ActorRuntime.Processes;

/// <summary>
/// An actor's call counters, incremented with <see cref="Interlocked"/> from callers', repliers' and
/// timers' threads (and its rejections, from senders'). Created by the first call or rejection.
/// </summary>
/// <remarks>
/// An object of its own for the same reason as <see cref="LoopState"/>, in the other direction: with
/// many callers, these increments would otherwise keep invalidating the cache lines of the process
/// that its loop reads for every message.
/// </remarks>
internal sealed class CallCounters
{
    /// <summary>All zero, for snapshots of an actor that has not been called; never written.</summary>
    public static readonly CallCounters None = new();

    /// <summary>The last request id handed out; beside <see cref="Calls"/>, so a call touches one cache line for both.</summary>
    public long RequestIds;

    public long Calls;
    public long Replies;
    public long TimeoutsWhileQueued;
    public long TimeoutsWhileHandling;
    public long TimeoutsWhileDeferred;
    public long LateReplies;
    public long Failed;
    public long CancelledByOperator;
    public long Rejected;
}
