namespace Dashboard.Heartbeats;

/// <summary>The external worker reporting back to the actor (an info message).</summary>
/// <param name="CallId">The call whose job this was: the id the actor keeps the caller's From under.</param>
/// <param name="Ok">False when the work failed.</param>
/// <param name="Latency">How long it took.</param>
public sealed record WorkDone(long CallId, bool Ok, TimeSpan Latency);
