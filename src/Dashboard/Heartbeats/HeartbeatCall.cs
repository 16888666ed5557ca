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
    /// <summary>A server-side virtual user.</summary>
    Virtual,
}

/// <summary>The call a heartbeat actor defers: it answers once external work reports back.</summary>
/// <param name="CallId">The call's one id: unique per owner, it keys the actor's kept From and the external job, and the reply echoes it so misrouting shows.</param>
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
