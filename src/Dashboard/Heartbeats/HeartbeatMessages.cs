namespace Dashboard.Heartbeats;

/// <summary>Who made a call, so the dashboard can tell a tab's heartbeat from a user's button.</summary>
public enum CallOrigin
{
    /// <summary>The browser's periodic heartbeat.</summary>
    Heartbeat,
    /// <summary>The <c>Request</c> button or a hub <c>Request</c>.</summary>
    Manual,
    /// <summary>One of the concurrent calls of <c>Burst N</c>.</summary>
    Burst,
    /// <summary>A call made during a flood.</summary>
    Flood,
    /// <summary>A server-side virtual user.</summary>
    Virtual,
}

/// <summary>The call a heartbeat actor defers: it answers once external work reports back.</summary>
/// <param name="CallId">The caller's own id for this call, echoed in the reply so misrouting shows.</param>
/// <param name="Origin">Who made the call.</param>
public sealed record HeartbeatRequest(long CallId, CallOrigin Origin)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Origin} #{CallId}";
}

/// <summary>What a heartbeat call returns.</summary>
/// <param name="CallId">The call id of the job this answer belongs to; differs from the caller's own when the reply was misrouted.</param>
/// <param name="Ok">False when the external work failed.</param>
/// <param name="Message">A short human-readable result.</param>
/// <param name="ExternalLatency">How long the external work took.</param>
public sealed record HeartbeatReply(long CallId, bool Ok, string Message, TimeSpan ExternalLatency);

/// <summary>The external worker reporting back to the actor (an info message).</summary>
/// <param name="JobId">The job, i.e. the <c>From.RequestId</c> the actor keeps the caller under.</param>
/// <param name="CallId">The caller's call id for that job.</param>
/// <param name="Ok">False when the work failed.</param>
/// <param name="Latency">How long it took.</param>
public sealed record WorkDone(long JobId, long CallId, bool Ok, TimeSpan Latency);

/// <summary>Cast that makes the actor throw, to show a crash and its restart.</summary>
public sealed record CrashCommand
{
    /// <summary>The one instance.</summary>
    public static CrashCommand Instance { get; } = new();
}

/// <summary>An info message that only costs time: many of them show a mailbox growing.</summary>
public sealed record FloodMessage
{
    /// <summary>The one instance: a flood allocates nothing per message.</summary>
    public static FloodMessage Instance { get; } = new();
}

/// <summary>Periodic info message that forgets callers whose external work never answered.</summary>
internal sealed record SweepAbandoned
{
    public static SweepAbandoned Instance { get; } = new();
}

/// <summary>Thrown by <see cref="CrashCommand"/>: a crash on purpose.</summary>
public sealed class SimulatedCrashException() : Exception("Crash requested from the dashboard.");

/// <summary>What both heartbeat actors (correct and naive) answer the same way.</summary>
internal static class HeartbeatProtocol
{
    /// <summary>The reply to a call that is not a <see cref="HeartbeatRequest"/>: an error result, not a crash.</summary>
    public static HeartbeatReply UnknownRequest(object request) =>
        new(0, false, $"Unknown request '{request}'.", TimeSpan.Zero);

    /// <summary>Casts: <see cref="CrashCommand"/> throws (a crash on purpose); anything else is ignored.</summary>
    public static ValueTask<TState> HandleCast<TState>(object message, TState state) =>
        message is CrashCommand ? throw new SimulatedCrashException() : ValueTask.FromResult(state);
}
