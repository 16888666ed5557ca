namespace ActorRuntime;

/// <summary>Where an actor is in its life.</summary>
public enum ActorStatus
{
    /// <summary>Spawned; <c>InitAsync</c> has not finished.</summary>
    Starting,
    /// <summary>Waiting for messages.</summary>
    Idle,
    /// <summary>Running a callback or about to run one.</summary>
    Busy,
    /// <summary>Crashed; the restart policy is bringing it back.</summary>
    Restarting,
    /// <summary>Running <c>TerminateAsync</c>.</summary>
    Stopping,
    /// <summary>Gone.</summary>
    Stopped,
}
