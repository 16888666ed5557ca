using Dashboard.Heartbeats;

namespace Dashboard.Services;

/// <summary>Who owns an actor.</summary>
public enum OwnerKind
{
    /// <summary>A browser tab (a Blazor circuit).</summary>
    Tab,
    /// <summary>A SignalR hub connection.</summary>
    Hub,
    /// <summary>A server-side virtual user.</summary>
    Virtual,
}

/// <summary>Which actor implementation a session runs.</summary>
public enum ActorMode
{
    /// <summary><see cref="HeartbeatActor"/>: one kept From per call id.</summary>
    Correct,
    /// <summary><see cref="NaiveHeartbeatActor"/>: one From slot, as in the original post (teaching mode).</summary>
    Naive,
}

/// <summary>Where a session is in its life.</summary>
public enum SessionState
{
    /// <summary>No actor yet (e.g. while the page prerenders).</summary>
    NotStarted,
    /// <summary>The actor runs (or is restarting).</summary>
    Running,
    /// <summary>The node was at <c>MaxActors</c>; no actor was spawned.</summary>
    AtCapacity,
    /// <summary>The actor is gone (restart limit reached, or the session ended).</summary>
    Stopped,
}

/// <summary>Whether the owner's heartbeats arrive on time.</summary>
public enum HeartbeatHealth
{
    /// <summary>No heartbeat yet.</summary>
    Waiting,
    /// <summary>The last heartbeat is recent.</summary>
    Ok,
    /// <summary>More than 1.5 × the longest interval since the last heartbeat.</summary>
    Late,
    /// <summary>More than 3 × the longest interval since the last heartbeat.</summary>
    Stale,
}
