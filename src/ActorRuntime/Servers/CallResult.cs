namespace ActorRuntime;

/// <summary>What <see cref="GenServer{TState}.HandleCallAsync"/> decided; built with
/// <c>Reply</c>, <c>NoReply</c> or <c>Stop</c>.</summary>
public enum CallResultKind
{
    /// <summary>Answer the caller now — <c>{:reply, reply, state}</c>.</summary>
    Reply,
    /// <summary>Answer later with <c>ActorSystem.Reply(from, …)</c> — <c>{:noreply, state}</c>.</summary>
    NoReply,
    /// <summary>Stop the actor; the caller fails with <see cref="ActorExitedException"/> — <c>{:stop, reason, state}</c>.</summary>
    Stop,
}

/// <summary>The return value of <see cref="GenServer{TState}.HandleCallAsync"/>: a decision plus the new state.</summary>
/// <typeparam name="TState">The server's state.</typeparam>
public readonly struct CallResult<TState>
{
    internal CallResult(CallResultKind kind, object? reply, TState state, string? stopReason)
    {
        Kind = kind;
        ReplyValue = reply;
        State = state;
        StopReason = stopReason;
    }

    /// <summary>Which decision this is.</summary>
    public CallResultKind Kind { get; }

    /// <summary>The answer, for <see cref="CallResultKind.Reply"/>.</summary>
    public object? ReplyValue { get; }

    /// <summary>The state the actor continues with.</summary>
    public TState State { get; }

    /// <summary>Why the actor stops, for <see cref="CallResultKind.Stop"/>.</summary>
    public string? StopReason { get; }
}
