namespace Dashboard.Heartbeats;

/// <summary>The external worker reporting back to the actor (an info message).</summary>
/// <param name="CallId">The call whose job this was: the id the actor keeps the caller's From under.</param>
/// <param name="Ok">False when the work failed.</param>
/// <param name="Latency">How long it took.</param>
public sealed record WorkDone(long CallId, bool Ok, TimeSpan Latency)
{
    /// <summary>The incarnation of the actor that started the job (see <see cref="HeartbeatActor"/>); 0 when it does not number them.</summary>
    public int Incarnation { get; init; }
}

/// <summary>
/// The external worker telling the actor that a job stopped because its caller gave up (an info message): no
/// <see cref="WorkDone"/> follows, so the actor forgets the caller now instead of at its next sweep.
/// </summary>
/// <param name="CallId">The call whose job stopped.</param>
public sealed record WorkCancelled(long CallId)
{
    /// <summary>The incarnation of the actor that started the job.</summary>
    public int Incarnation { get; init; }
}
