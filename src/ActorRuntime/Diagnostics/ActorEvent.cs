namespace ActorRuntime; // public surface: see README.md, "Layout"

/// <summary>
/// Something that happened in an actor, delivered to <see cref="IActorEventListener"/>s. A struct
/// passed by reference, so publishing allocates nothing.
/// </summary>
public readonly struct ActorEvent
{
    /// <summary>What happened.</summary>
    public required ActorEventKind Kind { get; init; }

    /// <summary>The actor it happened in.</summary>
    public required Pid Pid { get; init; }

    /// <summary>When, from <see cref="TimeProvider.GetTimestamp"/> of the system's time provider.</summary>
    public required long Timestamp { get; init; }

    /// <summary>The call's <see cref="From.RequestId"/>, for call events; 0 otherwise.</summary>
    public long RequestId { get; init; }

    /// <summary>The request or message concerned, if any.</summary>
    public object? Message { get; init; }

    /// <summary>How long the callback ran (<see cref="ActorEventKind.MessageHandled"/>) or the call took (call endings).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>How a call ended, for call endings.</summary>
    public CallOutcome Outcome { get; init; }

    /// <summary>Where a timed-out call was when its timeout passed; <see langword="null"/> unless <see cref="Outcome"/> is a timeout.</summary>
    public CallTimeoutKind? TimeoutKind => Outcome switch
    {
        CallOutcome.TimedOutWhileQueued => CallTimeoutKind.WhileQueued,
        CallOutcome.TimedOutWhileHandling => CallTimeoutKind.WhileHandling,
        CallOutcome.TimedOutWhileDeferred => CallTimeoutKind.WhileDeferred,
        _ => null,
    };

    /// <summary>Crash message or stop reason, when there is one.</summary>
    public string? Reason { get; init; }

    /// <summary>The exception behind a <see cref="ActorEventKind.Crashed"/> event.</summary>
    public Exception? Exception { get; init; }

    /// <summary>Readable one-line form for logs.</summary>
    public override string ToString() =>
        $"{Pid} {Kind}{(RequestId != 0 ? $" #{RequestId}" : "")}{(Reason is null ? "" : $" ({Reason})")}";
}

/// <summary>Receives <see cref="ActorEvent"/>s; see <see cref="ActorSystem.Subscribe(IActorEventListener)"/>.</summary>
/// <remarks>
/// Called synchronously on whatever thread produced the event (an actor's, a replier's or a timer's),
/// possibly from many threads at once. Keep it short and thread-safe; exceptions it throws are ignored.
/// </remarks>
public interface IActorEventListener
{
    /// <summary>Called once per event, right after it happened.</summary>
    void OnEvent(in ActorEvent actorEvent);
}
