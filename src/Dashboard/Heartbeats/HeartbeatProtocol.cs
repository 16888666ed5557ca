namespace Dashboard.Heartbeats;

/// <summary>What both heartbeat actors (correct and naive) answer the same way.</summary>
internal static class HeartbeatProtocol
{
    /// <summary>The reply to a call that is not a <see cref="HeartbeatRequest"/>: an error result, not a crash.</summary>
    public static HeartbeatReply UnknownRequest(object request) =>
        new(0, false, $"Unknown request '{request}'.", TimeSpan.Zero);

    /// <summary>
    /// The reply to a call whose id already waits: an error for the newcomer, so the caller already waiting under
    /// that id keeps its From (ids are unique per owner; only a client making up its own can repeat one).
    /// </summary>
    public static HeartbeatReply DuplicateCall(long callId) =>
        new(callId, false, $"Call #{callId} is already waiting; each call needs its own id.", TimeSpan.Zero);

    /// <summary>Casts: <see cref="CrashCommand"/> throws (a crash on purpose); anything else is ignored.</summary>
    public static ValueTask<TState> HandleCast<TState>(object message, TState state) =>
        message is CrashCommand ? throw new SimulatedCrashException() : ValueTask.FromResult(state);
}
